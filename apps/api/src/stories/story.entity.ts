import type { StoryStatus } from '@newsdesk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'stories' })
export class Story {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @Column('text') headline: string;
  @Column('text') teaser: string;
  @Column('text') dateline: string;
  @Column('text', { name: 'body_html' }) bodyHtml: string;
  @Column('text') credit: string;
  @Column('text') status: StoryStatus;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('int') version: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
