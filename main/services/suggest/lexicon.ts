/**
 * Word lists for the rule-based quote attribution. Written for this project (not copied from any
 * corpus); they cover English plus the German, French and Japanese patterns the fixtures exercise.
 * Everything is lower-case unless the name says otherwise.
 */

const set = (words: string): Set<string> => new Set(words.trim().split(/\s+/));

function verbForms(base: string): string[] {
  const forms = [base];
  if (base.endsWith('e')) forms.push(`${base}s`, `${base}d`, `${base.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(base)) forms.push(`${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`, `${base}ing`);
  else if (/(s|sh|ch|x|z)$/.test(base)) forms.push(`${base}es`, `${base}ed`, `${base}ing`);
  else forms.push(`${base}s`, `${base}ed`, `${base}ing`);
  return forms;
}

const REGULAR_CUES = `add argue explain note warn ask insist claim state continue recall acknowledge concede
  counter reply respond answer remark observe comment declare announce admit agree predict suggest
  emphasise emphasize stress complain joke quip testify conclude assert maintain contend caution urge
  recount boast confirm deny vow promise pledge lament muse reflect elaborate interject exclaim shout
  yell whisper tweet post mutter sigh laugh concur allege reason retort reiterate repeat scoff fume
  demand wonder chuckle grumble marvel plead caution recollect affirm opine point explain underline
  acknowledged predict reassure insist counsel concede`;

const IRREGULAR_CUES = `say says said saying tell tells told telling write writes wrote written writing
  admitted admitting quipped quipping concurred concurring went spoke`;

/** Speech verbs in every tense ("said", "adds", "has argued", "saying"). */
export const CUE_VERBS: Set<string> = new Set([
  ...REGULAR_CUES.trim().split(/\s+/).flatMap(verbForms),
  ...IRREGULAR_CUES.trim().split(/\s+/),
]);
// Forms built by verbForms that are not English words or are too ambiguous to count as speech.
for (const w of ['admited', 'admiting', 'quiped', 'quiping', 'concured', 'concuring', 'points', 'point', 'pointing', 'post', 'posts', 'state', 'states', 'note', 'notes', 'answer', 'answers', 'reason', 'reasons', 'counter', 'counters', 'stress', 'caution', 'promise', 'comment', 'comments', 'post', 'wonder', 'joke', 'jokes', 'tweet', 'demand', 'demands', 'went', 'spoke', 'counsel', 'underline']) {
  CUE_VERBS.delete(w);
}
for (const w of ['answers', 'notes', 'states', 'counters', 'jokes', 'comments']) CUE_VERBS.add(w);

/** Cue verbs that take the addressee as object, so "told X" never names the speaker. */
export const OBJECT_CUES = set('tell tells told telling');

/** -ing forms whose subject is the subject of the main clause ("..., saying the plan was"). */
export function isParticipleCue(word: string): boolean {
  return word.endsWith('ing') && CUE_VERBS.has(word);
}

/** Verbs that label rather than report ("which he called 'a ploughed field'"): a cue only with a person subject. */
export const LABEL_VERBS = set(`called calling describes described describing termed labelled labeled branded dubbed
  accused accuses accusing criticised criticized criticises criticizes blamed blames praised praises dismissed
  dismisses condemned condemns denounced denounces hailed hails slammed slams welcomed welcomes rejected rejects`);

/** People nouns that are not job titles: an anonymous "senior Western diplomat" or "one shopper". */
export const HUMAN_NOUNS = set(`diplomat diplomats aide aides source sources official officials resident residents
  neighbour neighbor witness witnesses passenger passengers voter voters shopper shoppers customer customers
  employee employees worker workers parent parents mother father daughter son wife husband sister brother
  widow widower friend friends colleague colleagues relative relatives patient patients victim victims
  survivor survivors owner owners tenant tenants landlord farmer farmers fan fans player players
  veteran rookie champion pundit commentator expert experts insider insiders person people man woman
  boy girl child children teenager teen volunteer volunteers protester protesters demonstrator
  demonstrators organiser organizer supporter supporters critic critics opponent opponents lawmaker
  lawmakers legislator legislators negotiator negotiators mediator observer observers executive
  executives investor investors trader traders analyst analysts economist economists defender striker
  forward midfielder goalkeeper keeper winger batter pitcher quarterback swimmer runner cyclist climber
  skier rider jockey boxer wrestler golfer singer rapper actor actress author novelist poet painter artist
  musician drummer guitarist composer filmmaker director chef baker`);

/** Epithets for someone just named ("the 24-year-old", "the former defender", "the Brazilian"). */
export function isEpithetHead(word: string): boolean {
  return /^\d+-year-old$/.test(word) || /^(defender|striker|forward|midfielder|goalkeeper|keeper|winger|batter|pitcher|quarterback|swimmer|runner|cyclist|climber|skier|rider|jockey|boxer|wrestler|golfer|player|veteran|rookie|champion|singer|rapper|actor|actress|author|novelist|poet|painter|artist|musician|composer|filmmaker|chef|star|captain|coach|manager|teenager|youngster|newcomer)$/.test(word);
}

/** Phrases after which a quoted span is a label or a text, never speech. */
export const NON_SPEECH_BEFORE = set(`so-called titled entitled named dubbed nicknamed headlined reading read reads
  slogan hashtag banner banners sign signs headline caption motto label`);

export const GERMAN_CUES = set(`sagte sagt sagten sagen erklärte erklärt erklärten betonte betont meinte meint
  fügte ergänzte ergänzt kritisierte kritisiert warnte warnt mahnte mahnt forderte fordert räumte schrieb schreibt
  berichtete unterstrich unterstreicht versicherte versichert erläuterte erläutert bekräftigte bekräftigt
  antwortete antwortet entgegnete entgegnet sprach sagten`);

export const FRENCH_CUES = set(`déclaré déclare dit affirmé affirme ajouté ajoute expliqué explique estimé estime
  souligné souligne rappelé rappelle indiqué indique assuré assure dénoncé dénonce reconnu reconnaît répondu
  répond confié confie lancé lance insisté insiste précisé précise martelé martèle regretté regrette prévenu
  prévient jugé juge commenté commente poursuivi poursuit raconté raconte témoigné témoigne observé observe
  résumé résume admis admet avoué avoue ironisé ironise tranché tranche fait`);

/** French and German auxiliaries that sit between a subject and a participle cue ("a déclaré"). */
export const AUXILIARIES = set('a ont avait avaient aura hat haben hatte');

export const ACCORDING_TO_HEADS = set('according selon d’après d\'après laut');

export const SUBJECT_PRONOUNS: Record<string, 'm' | 'f' | 'x' | 'n'> = {
  he: 'm', she: 'f', they: 'x', it: 'n',
  er: 'm', sie: 'f',
  il: 'm', elle: 'f', ils: 'x', elles: 'x',
};

export const OBJECT_PRONOUN_GENDER: Record<string, 'm' | 'f'> = {
  he: 'm', him: 'm', his: 'm', himself: 'm', she: 'f', her: 'f', hers: 'f', herself: 'f',
  il: 'm', elle: 'f', lui: 'm', er: 'm', ihn: 'm', ihm: 'm', sein: 'm', seine: 'm', ihre: 'f',
};

/** Adverbs and auxiliaries that may stand between a speaker and the cue verb ("Smith later said"). */
export const ADVERBS = set(`also later then previously once recently repeatedly again further quickly simply
  publicly privately separately earlier first now often long just still would will had has have did does do
  is was were been being never always already subsequently afterwards afterward initially finally only even
  too however meanwhile instead yesterday today tonight flatly bluntly angrily calmly quietly softly firmly
  told previously privately openly sharply immediately directly frankly herself himself themselves itself
  auch zudem bereits dann noch jedoch aber außerdem aussi également encore ensuite alors pourtant
  cependant lui-même elle-même`);
ADVERBS.delete('told');

export const DETERMINERS = set(`the a an one another two three four five several some many most other its his
  her their our this that these those each every any der die das den dem des ein eine einer eines einen
  le la les l’ l' un une des du sa son ses leur leurs`);

export const POSSESSIVE_DETERMINERS = set('its his her their our my your sa son ses leur leurs sein seine ihr ihre');

/** Words that end a noun phrase when read left to right. */
export const BOUNDARY_WORDS = set(`in on at to from with by as after before during while when who whom whose which
  that than because since if about over under into through via per near outside inside across against
  without until upon among between around toward towards amid despite like unlike but or nor so yet
  where why how whether though although unless once
  nach mit von bei auf für am im vor zu zum zur über unter gegen dass weil als wie und oder aber
  dans sur avec pour par chez sans sous entre vers après avant pendant que qui dont où mais et ou selon`);

/** Honorifics: stripped from names, never part of a role. */
export const HONORIFICS = set(`mr mr. mrs mrs. ms ms. miss mx. mx dr dr. prof. prof sir dame lord lady m. mme mme. mlle
  herr frau sen. rep. gov. gen. lt. col. maj. capt. sgt. cpl. adm. cmdr. insp. det. supt. rev. fr. hon. pres.
  atty. st. messrs.`);

export const MALE_HONORIFICS = set('mr mr. sir lord m. herr');
export const FEMALE_HONORIFICS = set('mrs mrs. ms ms. miss dame lady mme mme. mlle frau');

/** Role and title words: in a capitalised run ("Transport Secretary Rebecca Thorne") the name follows the last one. */
export const ROLE_WORDS = set(`president vice-president prime minister secretary senator representative governor
  mayor judge justice chancellor chairman chairwoman chair chairperson chief director commissioner superintendent
  supervisor councillor councilman councilwoman councilor coach captain sheriff officer detective inspector
  sergeant constable ambassador attorney counsel prosecutor speaker leader spokesperson spokesman spokeswoman
  ceo cfo cto coo executive manager founder co-founder cofounder editor bishop archbishop cardinal pope rabbi imam
  pastor king queen prince princess general admiral colonel lieutenant dean provost rector principal trustee
  delegate assemblyman assemblywoman congressman congresswoman alderman premier deputy treasurer comptroller
  auditor clerk registrar ombudsman magistrate sheikh emir sultan marshal commander corporal head
  analyst economist professor researcher fellow scientist striker guard midfielder defender goalkeeper forward
  star candidate owner lawyer official member partner strategist adviser advisor consultant investor
  president-elect chief-executive nurse doctor physician surgeon teacher principal student resident
  historian author novelist singer actor actress director producer designer engineer architect planner
  chemist biologist physicist geologist glaciologist epidemiologist neurologist psychologist sociologist
  glaciologist meteorologist forecaster volcanologist economist banker trader broker farmer fisherman
  firefighter paramedic pilot driver worker organiser organizer activist campaigner organizer
  manager-general secretary-general minister-president sprecher sprecherin bürgermeister bürgermeisterin
  oberbürgermeister oberbürgermeisterin minister ministerin präsident präsidentin kanzler kanzlerin
  vorsitzende vorsitzender fraktionsvorsitzende fraktionsvorsitzender chef chefin direktor direktorin
  trainer trainerin maire ministre président présidente directeur directrice porte-parole député députée
  sénateur sénatrice préfet préfète adjoint adjointe secrétaire 社長 市長 会長`);

/** Lower-case words that may premodify a role ("chief executive", "press secretary", "union leader"). */
export const ROLE_MODIFIERS = set(`chief senior deputy assistant former acting interim press campaign general
  vice associate lead head managing principal junior state city county council union board team club
  national regional local federal provincial opposition transport health finance foreign defence defense
  interior justice economy energy education environment communications policy research legal marketing
  technology security data science executive operating financial technical creative editorial
  and de of the`);

/** Capitalised words that cannot start a person's name (sentence openers, days, months). */
export const CAP_STOPWORDS = set(`the a an but and or so then in on at for from to of by with after before during
  when while as if although though since because meanwhile however still yet also later earlier last this
  that these those there here it its his her their our my your we they he she i asked speaking according
  now today yesterday tomorrow not no yes even only just some many several other another one two three
  both all every each most few more less under over across outside inside without despite unlike like among
  between against through until once instead overall separately elsewhere already again why what who how
  where which whose nor neither either monday tuesday wednesday thursday friday saturday sunday january
  february march april may june july august september october november december der die das den dem des
  ein eine nach mit von bei im am auf für und aber auch doch wie laut le la les l’ un une des du selon
  pour dans sur avec mais et il elle q a`);

/** Capitalised words that mark an organisation or a place rather than a person. */
export const ORG_WORDS = new Set(`Department Ministry Agency Council Commission University College School Hospital
  Police Office Bureau Association Union Party Court Institute Foundation Group Bank Service Services House
  Board Committee FC Club Inc Inc. Corp Corp. Corporation Ltd Ltd. LLC Co. Company Ventures Capital Securities
  Research Advisors Advisers Partners Authority Alliance Times News Post Journal Airlines Airways Stadium
  Street Road Avenue Square Park Centre Center Station Church Museum Library City County State Republic
  Kingdom United National International Federal Government Administration Senate Congress Parliament
  Commons Assembly Army Navy Force Guard Team Network Systems Technologies Labs Energy Motors Holdings Fund
  Trust Society Federation League Cup Reserve Exchange Market Markets Media Press Television Radio Magazine
  Review Laboratory Lab Academy Studios Records Consulting Solutions Industries Pharmaceuticals Health
  Chamber Tribunal Cabinet Secretariat Directorate Coalition Movement Front Initiative Project Program
  Programme Campaign Forum Summit Conference Festival Prize Award Act Bill Law Treaty Accord Agreement
  Amendment Constitution Route Highway Bridge Airport Port Harbor Harbour Bay River Lake Mountain Mountains
  Valley Island Islands Coast Sea Ocean Creek Hill Hills Heights Springs Falls Beach Building Tower Hall
  Palace Castle Gardens Zoo Mall Plaza Arena Athletic Athletics Rovers Wanderers
  Herald Tribune
  Gazette Chronicle Observer Guardian Telegraph Independent Insider Institute Verband Stadt Rat Universität
  Ministerium Regierung Polizei Gericht Ville Mairie Conseil Ministère Gouvernement Assemblée Tribunal AG
  GmbH SA SE plc PLC NV BV Pty Property Technology Security`.trim().split(/\s+/));

/** A few places so that "New York" or "Hong Kong" is not taken for a person. */
export const PLACE_NAMES = new Set(`New York|San Francisco|Los Angeles|Hong Kong|South Korea|North Korea|South Africa|North Africa|
  United States|United Kingdom|Saudi Arabia|New Zealand|Sri Lanka|Costa Rica|Puerto Rico|El Salvador|Buenos Aires|
  Rio de Janeiro|Sao Paulo|São Paulo|Mexico City|Kuala Lumpur|Tel Aviv|Abu Dhabi|New Delhi|Cape Town|Las Vegas|
  San Diego|San Jose|Silicon Valley|Wall Street|White House|Capitol Hill|Middle East|Latin America|
  Southeast Asia|East Asia|West Bank|Gaza Strip|Great Britain|Northern Ireland|Czech Republic|Ivory Coast|
  First World War|Second World War`
  .split('|').map((s) => s.trim().toLowerCase()));

/** Nouns for which "the <noun> said" means the organisation mentioned last. */
export const ORG_NOUNS = set(`company firm department ministry agency bank charity union hospital group authority
  council club team start-up startup chipmaker carmaker automaker retailer insurer airline government
  administration court commission committee board university school district office police service
  organisation organization foundation institute association alliance network regulator party campaign
  statement memo report letter filing lawsuit complaint ruling opinion plaintiffs city county state
  venue museum library zoo operator utility provider platform app developer publisher studio label
  league federation ministerium regierung stadt verwaltung polizei entreprise ministère gouvernement mairie
  société`);

/** Organisation nouns that belong to government ("the department"), not to a company. */
export const GOVERNMENT_NOUNS = set('department ministry agency government administration council commission court police office authority regulator state city county');

/** "a spokesperson for X" speaks for X: the speaker is the organisation. */
export const SPOKES_NOUNS = set('spokesperson spokesman spokeswoman representative rep official officials statement porte-parole sprecher sprecherin');

/** Anonymous groups that can speak as a bare plural ("officials said"). */
export const GROUP_NOUNS = set(`officials police analysts traders residents experts critics economists
  investors witnesses neighbours neighbors prosecutors authorities doctors nurses scientists researchers
  organisers organizers protesters protestors activists lawyers sources people fans players parents
  teachers students workers employees executives diplomats observers officers firefighters rescuers
  historians supporters opponents lawmakers legislators`);

/** Human nouns whose gender is given by the word ("the Frenchwoman"). */
export function genderOfNoun(word: string): 'm' | 'f' | null {
  const w = word.toLowerCase();
  if (/(woman|women|wife|mother|daughter|sister|girl|lady|queen|princess|actress|chairwoman|spokeswoman|grandmother|aunt|niece)$/.test(w)) return 'f';
  if (/(man|men|husband|father|son|brother|boy|king|prince|actor|chairman|spokesman|grandfather|uncle|nephew)$/.test(w) && !/(human|german|woman)$/.test(w)) return 'm';
  // German and French feminine role forms.
  if (/^[a-zäöüß-]{5,}(erin|entin|istin|antin|ärin|örin|eurin|chefin|ministerin|präsidentin|rätin|trice|euse|ière|ienne|ante|ente)$/.test(w)) return 'f';
  return null;
}

/** Name particles that may sit inside a person's name ("Ursula von der Leyen", "Luiz da Silva"). */
export const NAME_PARTICLES = set('de van von der den du da di del della dos das bin ibn al el la le ter ten zu y st. st');

/** Suffixes after a name ("Jr.", "III"). */
export const NAME_SUFFIXES = set('jr. jr sr. sr ii iii iv phd md');

/** Japanese titles that follow a name ("山本健一社長"). */
export const CJK_TITLE_SUFFIXES = [
  '社長', '市長', '氏', '首相', '大臣', '知事', '会長', '議員', '教授', '監督', '選手', '代表', 'さん', '容疑者',
  '被告', '所長', '部長', '課長', '理事長', '委員長', '長官', '大統領', '町長', '村長', '区長', '院長', '学長',
  '校長', '主席', '総裁', '頭取', '専務', '常務', '会頭', '議長', '副社長', '副大臣', '外相', '財務相', '防衛相',
  '官房長官', 'CEO', '容疑者', '弁護士', '医師', '記者', '博士', '准教授', '研究員', '主任', '店長', '園長',
];

export const CJK_CUE_AFTER = /^と(?:述べた|話した|語った|指摘した|強調した|説明した|明かした|述べる|話す|語る|指摘する|強調する|説明する|した|する|訴えた|訴える|答えた|答える|明らかにした|発言した|コメントした|力を込めた|意気込んだ|振り返った|笑顔を見せた|期待を示した|懸念を示した|批判した|反論した)/;

const FEMALE_NAMES = `jill jane joanna joan judy kate katie kathy kristen kristin krista leslie lindsay lynn lynne
  mandy marcia marjorie maureen melanie molly monica nora pauline penny phyllis polly rita roberta robin
  rosemary sally sheila sonia stacy sue suzanne tammy tanya tracy valerie vanessa vera wendy yvonne
  abby alison allison amelia ashley audrey bethany bonnie caroline cassandra cecilia clara colleen
  daisy deirdre delia edith eileen eleanor ellen eloise emilia erin esther eva faith felicity florence
  georgia gillian hazel heidi holly ivy jade janine jenny jo josephine kathryn kirsten laura lillian
  lily lucy mabel maggie marian marina matilda maxine meghan miranda natasha olive paula philippa
  poppy rachael ramona rebekah rhiannon rose rosie ruby sadie selina serena sienna simone stella tessa
  thelma ursula violet vivian winifred zoe zoë agnes bridget brigitte charlotte dagmar elke erika
  gabriele gerda gisela heike helga ilse ingeborg inge karin karen kerstin marta martina renate
  silke susanne ulrike birgitta solveig liv ingrid annelies marieke sanne femke lotte anouk
  giovanna alessandra federica valentina elisa sara silvia lorena pilar mercedes dolores consuelo
  guadalupe ximena valeria camila daniela gabriela mariana fernanda adriana luisa isabel cristina
  elena ines joana catarina leonor mariam amina aaliyah hadiza zainab halima khadija salma rania
  hana yasmine dina lina maya neha pooja riya shreya divya ananya asha geeta radha sita usha
  mei-ling xiaoming yan hui li na fang jie min-ji eun-ji soo-jin ha-eun keiko naoko tomoko yoko
  emiko akiko mariko sachiko noriko junko aya mai
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
  sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
  sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
  katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
  virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
  martha gloria teresa ann sara madison frances kathryn janice abigail alice judy sophia grace
  denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
  kayla alexis lori claire priya aisha fatima sofia sophie chloe mia ella ava isla lena lea leah léa
  anja anke birgit sabine miriam ursula petra monika claudia katrin julia nina ingrid astrid sigrid
  kari hanna irena jana daria olena oksana natalia tatiana svetlana elena irina camille amélie chloé
  manon juliette céline nathalie isabelle sylvie valérie sandrine aurélie hélène mei aiko haruka
  sakura yui hina misaki ming ling xiu jing carla carmen lucia beatriz inês paola francesca giulia
  chiara siobhan aoife niamh saoirse maeve amara nia zara kemi ngozi chioma funmilayo adaeze yasmin
  leila nadia layla noor elaine denise patricia karen ruth teresa claire gwen gwendolyn rosalind
  tamsin fiona morag eilidh greta frida elsa maja signe annika agnieszka katarzyna magdalena
  malgorzata zsofia eszter ji-woo seo-yeon su-bin ayesha sunita anjali deepika kavya lakshmi meera`;

const MALE_NAMES = `bill bob ben brad brett bruce calvin cameron chad charlie chris clark clayton cody craig curtis
  dan danny darren dean derek don drew duncan dustin earl ed eddie eli elliot emmett evan floyd fred
  freddie glen glenn gordon grant greg harry harvey hector herman howard hugh isaac jake jared jay
  jeff jim jimmy joel jon josh julian karl keith ken kent kurt lance lee leo leon leonard lewis lloyd
  lou luke marc marvin matt max mike mitchell neal ned nick norman oliver oscar otis pat perry pete
  phil quentin ralph ray reed rex rick ricky rob rod rodney ron ross rudy russ sam seth simon spencer
  stanley steve stuart ted terrence tim toby todd tony travis trevor troy vince wade warren wes wesley
  will zach alfie archie barry bernard clive desmond dominic duncan edmund gavin geoffrey giles hugo
  jasper jeremy kieran lionel miles nathaniel percy rupert sebastian tristan vaughan wilfred
  bernd dirk frank gerhard günter günther hans heinrich helmut horst jan jens jochen jörg kai karl
  manfred markus martin michael norbert olaf rainer ralf reinhard rolf rüdiger sebastian stefan ulrich
  uwe volker werner willi bjorn björn gunnar haakon knut leif mats ole per rune stig thor anders
  jesper mikkel rasmus søren jean jacques michel philippe alain bernard christophe didier éric
  fabrice franck gilles guillaume jérôme lionel luc marc patrice patrick pascal rémi stéphane thierry
  vincent xavier yves alberto alfonso antonio arturo eduardo enrique ernesto fernando francisco
  gonzalo guillermo ignacio jorge josé manuel mario pedro rafael ramón ricardo roberto rodrigo
  salvador santiago sergio víctor joão paulo rui tiago andrea angelo carlo claudio enrico fabio
  federico gianni giorgio giuseppe lorenzo massimo paolo pietro riccardo roberto salvatore stefano
  umberto vittorio abdul abdullah amir bilal farid habib ibrahim ismail jamil khalid mahmoud mustafa
  nabil omar rashid said samir sami walid aditya ajay amit anand anil arun ashok
  deepak ganesh gaurav hari krishna manoj mohan nikhil pradeep prakash rajesh ramesh ravi sanjay
  sanjeev sunil suresh vijay vinod yash wei-ming jian jun-ho dong-hyun sung-min ji-hoon hiroki
  kazuo koji makoto masato naoki ryo satoshi shota takeshi taro tatsuya yoshi yuto
  james robert john michael david william richard joseph thomas charles christopher daniel matthew
  anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
  jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
  gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
  zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
  carl arthur lawrence dylan jesse bryan billy joe bruce gabriel logan albert willie alan juan
  wayne elijah randy roy vincent ralph eugene russell bobby mason philip phil louis marcus omar jamal
  rohan arjun rahul vikram tobias matthias thomas jonas lukas felix maximilian florian stefan jürgen
  klaus dieter wolfgang andreas lars sven erik nils magnus olaf dariusz piotr tomasz krzysztof andriy
  oleksandr dmytro mykola ivan sergei dmitri alexei vladimir pierre jean-pierre françois nicolas
  olivier antoine mathieu sébastien laurent emmanuel tomás diego carlos luis miguel javier alejandro
  pablo andrés mateo marco luca giovanni alessandro matteo francesco declan liam cian seamus kevin
  malik chinedu emeka tunde adebayo musa ahmed mohamed muhammad ali hassan karim tariq hamid kenji
  hiroshi takashi haruto ren sota daisuke kenichi yuki jun hao ming lei min-jun ji-ho seo-jun edward
  eugene dariusz luis martin declan adrian alan harold herbert ernest gordon graham neil ian colin
  nigel rhys owen dafydd hamish angus callum fraser ewan ryan conor`;

export const FIRST_NAME_GENDER: Map<string, 'm' | 'f'> = new Map([
  ...FEMALE_NAMES.trim().split(/\s+/).map((n) => [n, 'f'] as const),
  ...MALE_NAMES.trim().split(/\s+/).map((n) => [n, 'm'] as const),
]);
