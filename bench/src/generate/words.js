// Vocabulary for generated newsroom content. Words only: sentences are assembled at random.

export const GIVEN_NAMES = `Aaron Abigail Adam Adriana Ahmed Aisha Alan Alejandro Alice Amara Amit Ana Andrea Andrew Anika
Anna Anton Arjun Asha Ben Bianca Brian Camila Carlos Carmen Catherine Chen Chloe Chris Claire Daniel Daria David Deepa
Diego Dmitri Elena Eli Elif Emily Emma Eric Esther Eva Farah Fatima Felix Fiona Frank Gabriel Grace Hana Hannah
Hassan Helen Hiro Ian Ibrahim Ines Irene Isaac Ivan Jack Jacob Jamal James Jana Javier Jennifer Jin Joanna John Jonah
Jorge Joseph Julia Kai Karen Karim Kate Kenji Kevin Lara Laura Leila Leo Li Lina Lucas Lucia Luis Maya Marco Maria Mark
Marta Mateo Michael Mina Mohammed Nadia Naomi Nathan Nina Noah Nora Olga Omar Oscar Pablo Paul Pedro Priya Rachel Rafael
Ravi Rebecca Rosa Ruth Sam Samir Sara Sean Sergei Sofia Sonia Stefan Susan Tamar Tariq Theo Thomas Tom Vera Victor Yara
Yusuf Zainab Zoe`.split(/\s+/);

export const FAMILY_NAMES = `Abbott Acosta Adler Ahmadi Akhtar Alvarez Amari Anand Andersen Aoki Arslan Baker Banerjee Barnes
Becker Bell Bennett Berg Bianchi Bishop Blake Bond Bose Brandt Brooks Burke Byrne Campbell Carter Castillo Chang Chavez
Clarke Cohen Cole Collins Costa Cruz Dahl Das Davies Diaz Dixon Dubois Duncan Dunn Edwards Ellis Engel Evans Farouk Ferreira
Fischer Fleming Flores Ford Foster Franco Fraser Fuchs Garcia Gill Gomez Gonzalez Graham Grant Gray Greene Gupta Haas Hall
Hansen Harris Hayes Henry Herrera Hoffman Holt Hughes Hunt Ibrahim Ito Jensen Johnson Jones Joshi Kaplan Kato Keller Kelly
Khan Kim Klein Koch Kowalski Kramer Kumar Lambert Lang Larsen Lee Lewis Lim Lindqvist Lopez Lund Maddox Malik Marsh Martin
Mason Meyer Miller Mitchell Molina Moreau Morgan Moreno Murphy Nakamura Nash Navarro Nguyen Nielsen Novak Obi Okafor Olsen
Ortiz Owens Park Patel Pearce Perez Petrov Phillips Pierce Popescu Porter Price Quinn Ramos Rao Reed Reyes Rivera Roberts
Rossi Russo Ryan Saito Sanchez Santos Schmidt Schneider Scott Shah Shapiro Silva Singh Sokolov Sousa Stein Stone Sullivan
Suzuki Tanaka Taylor Torres Turner Vargas Vogel Volkov Wagner Walsh Wang Ward Weber Weiss West White Wilson Wolf Wong
Yamamoto Yang Young Zhang Zimmerman`.split(/\s+/);

export const PLACES = `WASHINGTON MOSCOW LONDON PARIS BERLIN BEIJING TOKYO NAIROBI LAGOS CAIRO ISTANBUL KYIV WARSAW ROME MADRID
LISBON DUBLIN OTTAWA TORONTO CHICAGO BOSTON DENVER PHOENIX MIAMI ATLANTA SEATTLE PORTLAND HOUSTON DALLAS DETROIT
NEW-ORLEANS SAN-FRANCISCO LOS-ANGELES MEXICO-CITY BOGOTA LIMA SANTIAGO SAO-PAULO BUENOS-AIRES JOHANNESBURG MUMBAI DELHI
DHAKA JAKARTA MANILA SEOUL SYDNEY AUCKLAND BRUSSELS GENEVA VIENNA PRAGUE ATHENS JERUSALEM BEIRUT AMMAN BAGHDAD TEHRAN
KARACHI KABUL`
  .split(/\s+/)
  .map((place) => place.replace(/-/g, ' '));

/** Common words sentences are made of (drawn with a long-tailed distribution, most common first). */
export const FILLER = `the of and to in a that for on with as said was is by at from it its his her their this have has
had were will would could more than after about over into also which when who new said year years people officials
government city state country week month last first two three many some other most those while during before where
because according under since between against public local national report plan council federal court law policy
workers families residents leaders group program money support local community school schools health care service
services election vote voters campaign budget tax taxes price prices market markets company companies industry energy
water housing rent land farm farmers food climate weather storm heat fire river coast border trade talks deal agreement
meeting hearing statement interview analysis data study research science scientists doctors hospital patients
police safety security military troops war peace ceasefire aid refugees migrants transport roads rail airport flights
technology internet phone online platform students teachers university children parents music film art museum
festival team season game players coach league record history future change growth cost costs jobs unemployment
wages union strike protest protesters rights women men young older small large major long short early late recent
next whole several every each such only still even just already again however although despite within across around
without through toward along among behind beyond nearby region regional district county province capital village town
neighborhood street building bridge project funding investment loan debt bank banks inflation rates economy economic
political social cultural legal financial environmental medical digital rural urban coastal northern southern eastern
western central officials say says told asked called expected announced approved rejected proposed signed passed
launched opened closed raised cut increased reduced warned added noted described`.split(/\s+/);

/**
 * Topic terms: each story draws most of its key words from one or two topics, so a term appears in
 * a stable fraction of the stories (as real subjects do), and search queries have realistic hit counts.
 */
export const TOPICS = [
  ['wildfire', 'evacuation', 'firefighters', 'drought', 'smoke'],
  ['earthquake', 'aftershock', 'rescue', 'rubble', 'magnitude'],
  ['hurricane', 'landfall', 'flooding', 'levee', 'shelters'],
  ['vaccine', 'trial', 'antibodies', 'dosage', 'immunity'],
  ['pandemic', 'quarantine', 'infections', 'variant', 'testing'],
  ['senate', 'filibuster', 'amendment', 'bipartisan', 'committee'],
  ['governor', 'legislature', 'veto', 'statehouse', 'session'],
  ['mayor', 'zoning', 'transit', 'potholes', 'precinct'],
  ['tariff', 'exports', 'imports', 'customs', 'shipping'],
  ['pipeline', 'refinery', 'crude', 'emissions', 'drilling'],
  ['solar', 'turbines', 'battery', 'grid', 'renewables'],
  ['glacier', 'melting', 'sea-level', 'permafrost', 'arctic'],
  ['coral', 'reef', 'bleaching', 'fisheries', 'ocean'],
  ['satellite', 'orbit', 'launch', 'astronauts', 'telescope'],
  ['algorithm', 'chatbot', 'automation', 'privacy', 'encryption'],
  ['semiconductor', 'chips', 'factory', 'supply-chain', 'shortage'],
  ['mortgage', 'foreclosure', 'homebuyers', 'listings', 'appraisal'],
  ['pension', 'retirees', 'annuity', 'benefits', 'actuaries'],
  ['teachers', 'curriculum', 'classroom', 'enrollment', 'tuition'],
  ['museum', 'exhibition', 'curator', 'sculpture', 'gallery'],
  ['orchestra', 'symphony', 'conductor', 'concert', 'premiere'],
  ['novel', 'author', 'memoir', 'publisher', 'bestseller'],
  ['olympics', 'athletes', 'medal', 'qualifying', 'doping'],
  ['baseball', 'pitcher', 'inning', 'playoffs', 'roster'],
  ['soccer', 'striker', 'penalty', 'midfielder', 'transfer'],
  ['ceasefire', 'negotiators', 'hostages', 'mediation', 'truce'],
  ['sanctions', 'embargo', 'diplomats', 'embassy', 'envoy'],
  ['refugees', 'asylum', 'camps', 'resettlement', 'humanitarian'],
  ['election', 'ballots', 'turnout', 'polling', 'recount'],
  ['supreme', 'justices', 'ruling', 'dissent', 'precedent'],
  ['prosecutors', 'indictment', 'jury', 'verdict', 'sentencing'],
  ['police', 'bodycam', 'misconduct', 'oversight', 'patrol'],
  ['opioid', 'overdose', 'naloxone', 'addiction', 'treatment'],
  ['hospital', 'nurses', 'staffing', 'emergency', 'insurance'],
  ['farmers', 'harvest', 'wheat', 'soybeans', 'irrigation'],
  ['wolves', 'wildlife', 'habitat', 'species', 'conservation'],
  ['volcano', 'eruption', 'lava', 'ash', 'evacuees'],
  ['railway', 'commuters', 'derailment', 'freight', 'station'],
  ['airline', 'pilots', 'cancellations', 'runway', 'aviation'],
  ['union', 'strike', 'bargaining', 'picket', 'contract'],
  ['inflation', 'interest', 'central-bank', 'currency', 'bonds'],
  ['startup', 'venture', 'valuation', 'layoffs', 'founders'],
  ['housing', 'homelessness', 'eviction', 'shelter', 'vouchers'],
  ['broadband', 'rural', 'towers', 'spectrum', 'coverage'],
  ['archaeology', 'excavation', 'artifacts', 'tomb', 'ancient'],
  ['dinosaur', 'fossil', 'paleontologists', 'skeleton', 'excavated'],
  ['genome', 'dna', 'mutation', 'sequencing', 'genetics'],
  ['chess', 'grandmaster', 'tournament', 'opening', 'endgame'],
  ['jazz', 'saxophone', 'quartet', 'improvisation', 'album'],
  ['film', 'director', 'screenplay', 'festival', 'documentary'],
];

export const TAG_TYPES = ['topic', 'topic', 'topic', 'topic', 'place', 'person', 'organization', 'program'];

export const TITLES = ['PRESIDENT', 'MAYOR', 'SENATOR', 'GOVERNOR', 'MINISTER', 'JUDGE', 'GENERAL', 'DR.', 'PROFESSOR', 'REPRESENTATIVE'];

export const AFFILIATIONS = [
  'City Council',
  'State University',
  'Health Department',
  'Chamber of Commerce',
  'Teachers Union',
  'Foreign Ministry',
  'Coast Guard',
  'Weather Service',
  'Public Defender',
  'Port Authority',
  'Farm Bureau',
  'Red Cross',
];

export const BUREAUS = [
  'Washington',
  'New York',
  'Chicago',
  'Los Angeles',
  'London',
  'Moscow',
  'Beijing',
  'Nairobi',
  'Mexico City',
  'Jerusalem',
];

export const CORRESPONDENT_TITLES = [
  'Correspondent',
  'Senior Correspondent',
  'Reporter',
  'Editor',
  'Host',
  'Science Correspondent',
  'Political Reporter',
];

export const UNIDENTIFIED = ['MAN', 'WOMAN', 'PERSON', 'CROWD', 'GROUP'];

export const ANNOTATIONS = ['Speaking Russian', 'Through interpreter', 'Speaking Spanish', 'Speaking Arabic', 'Laughter'];

export const CUES = [
  'SOUNDBITE OF MUSIC',
  'SOUNDBITE OF ARCHIVED BROADCAST',
  'SOUNDBITE OF CROWD CHEERING',
  'SOUNDBITE OF TRAFFIC',
  'SOUNDBITE OF SIREN',
];

export const PROGRAMS = [
  ['Morning Report', 'Avery Stone'],
  ['Midday Edition', 'Lena Ortiz'],
  ['Afternoon Journal', 'Mark Haas'],
  ['Evening Hour', 'Priya Rao'],
  ['Weekend Notebook', 'Tom Walsh'],
  ['Science Desk', 'Nora Kim'],
  ['Jazz After Dark', 'Eli Brooks'],
  ['Classical Morning', 'Vera Lindqvist'],
  ['The Week Ahead', 'Omar Farouk'],
  ['Local Matters', 'Grace Nguyen'],
  ['World Briefing', 'Ivan Petrov'],
  ['Overnight Music', ''],
];

export const STATIONS = [
  ['WBNA', 'America/New_York', 'Washington'],
  ['WBNB', 'America/New_York', 'Boston'],
  ['WBNC', 'America/Chicago', 'Chicago'],
  ['KBND', 'America/Denver', 'Denver'],
  ['KBNE', 'America/Los_Angeles', 'San Francisco'],
  ['KBNF', 'America/Los_Angeles', 'Seattle'],
  ['WBNG', 'America/New_York', 'Atlanta'],
  ['KBNH', 'America/Chicago', 'Houston'],
  ['KBNI', 'America/Phoenix', 'Phoenix'],
  ['WBNJ', 'America/Detroit', 'Detroit'],
  ['KBNK', 'America/Anchorage', 'Anchorage'],
  ['KBNL', 'Pacific/Honolulu', 'Honolulu'],
];
