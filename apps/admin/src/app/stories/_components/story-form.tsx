'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { Story } from '@newsdesk/contracts';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { EditorHeader } from '@/components/editor-header';
import { RecordNoticeBanner } from '@/components/record-notice';
import { AiringsPanel } from './airings-panel';
import { CorrectionsPanel } from './corrections-panel';
import { DistributionPanel } from './distribution-panel';
import { HistoryPanel } from './history-panel';
import { KeptEditsBanner } from './kept-edits-banner';
import { LockBanner } from './lock-banner';
import { NotesPanel } from './notes/notes-panel';
import { PresenceBar } from './presence-bar';
import { PublishPanel } from './publish-panel';
import { SharePanel } from './share-panel';
import { StoryFields } from './story-fields';
import { FIELD_LABELS, StoryFormSchema, toFormInput, type StoryFormInput, type StoryFormValues } from './story-form-model';
import { TranscriptSection } from './transcript/transcript-section';
import { useKeptEdits } from './use-kept-edits';
import { usePresence } from './use-presence';
import { useStorySave } from './use-story-save';

interface Props {
  /** The story being edited; absent on /stories/new. */
  story?: Story;
  canWrite: boolean;
  canPublish: boolean;
  /** Who is editing: unsaved edits kept when their session ends are offered back only to them. */
  userId: string;
  /** Admins may delete anyone's notes. */
  isAdmin?: boolean;
}

/** The story editor: its fields, workflow, corrections, transcript and history (saving: use-story-save.ts). */
export function StoryForm({ story: initialStory, canWrite, canPublish, userId, isAdmin = false }: Props) {
  const form = useForm<StoryFormInput, unknown, StoryFormValues>({
    resolver: zodResolver(StoryFormSchema),
    defaultValues: toFormInput(initialStory),
  });
  const {
    story,
    notice,
    busy,
    stale,
    saveState,
    bodyReset,
    onSave,
    publish,
    transition,
    embargo,
    addCorrection,
    restoreRevision,
    reloadLatest,
    editsRestored,
  } = useStorySave({ form, initialStory, canWrite });
  const { kept, restoreKept, discardKept } = useKeptEdits({
    form,
    storyId: story?.id,
    initialStoryId: initialStory?.id,
    userId,
    canWrite,
    onRestored: editsRestored,
  });
  const formRef = useRef<HTMLFormElement>(null);
  const presence = usePresence({ storyId: story?.id, userId, canWrite, form, root: formRef });
  const tagNames = new Map((story?.tags ?? []).map((tag) => [tag.id, tag.name]));

  return (
    <form ref={formRef} onSubmit={onSave} noValidate className="story-editor" aria-labelledby="editor-title">
      <EditorHeader
        section={{ href: '/stories', label: 'Stories' }}
        titleId="editor-title"
        title={story ? (canWrite ? 'Edit story' : 'Story') : 'New story'}
        saveState={saveState}
        stale={stale}
        saveStateId="save-state"
        canWrite={canWrite}
        busy={busy !== null}
        saving={busy === 'save'}
        keyShortcuts="Control+S Meta+S"
      />

      <PresenceBar viewers={presence.viewers} />
      <LockBanner heldBy={presence.heldBy} lostTo={presence.lostTo} canWrite={canWrite} onTakeOver={presence.takeOver} />
      {!canWrite ? <p className="banner banner-info">You can read this story but not change it.</p> : null}
      {notice ? (
        <RecordNoticeBanner notice={notice} what="story" fieldLabels={FIELD_LABELS} reloading={busy === 'reload'} onReload={reloadLatest} />
      ) : null}
      {kept ? <KeptEditsBanner keptAt={kept.keptAt} reason={kept.reason} onRestore={restoreKept} onDiscard={discardKept} /> : null}

      <div className="editor-grid">
        <StoryFields form={form} story={story} canWrite={canWrite} bodyReset={bodyReset} />

        <aside className="editor-side">
          <PublishPanel
            story={story}
            canWrite={canWrite}
            canPublish={canPublish}
            busy={busy}
            onPublish={publish}
            onTransition={transition}
            onEmbargo={embargo}
          />
          {story ? (
            <CorrectionsPanel
              corrections={story.corrections}
              canCorrect={canPublish && story.status === 'published'}
              busy={busy !== null}
              adding={busy === 'correct'}
              onAdd={addCorrection}
            />
          ) : null}
          {story ? <AiringsPanel storyId={story.id} /> : null}
          {story ? <DistributionPanel storyId={story.id} storyVersion={story.version} canResend={canPublish} /> : null}
          {story ? <NotesPanel story={story} userId={userId} isAdmin={isAdmin} /> : null}
          {story ? <SharePanel storyId={story.id} storyVersion={story.version} canWrite={canWrite} /> : null}
        </aside>
      </div>

      <TranscriptSection form={form} canWrite={canWrite} resetKey={bodyReset} storyId={story?.id} />

      {story ? (
        <HistoryPanel
          storyId={story.id}
          storyVersion={story.version}
          canWrite={canWrite}
          names={tagNames}
          onRestore={restoreRevision}
          restoring={busy !== null}
        />
      ) : null}
    </form>
  );
}
