import { Command, Option } from 'commander';
import { AppError } from '../../../shared/errors';
import { LINK_TYPES, QUOTE_KINDS, STANCE_VALUES, type StanceSubjectType } from '../../../shared/domain/entities';
import { emit, fit } from '../output';
import type { CliRunner } from '../runner';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `quote add`, `stance set`, `link add`: marking who said what, with which stance, citing what. */
export function registerAnnotate(program: Command, run: CliRunner): void {
  const quote = program.command('quote').description('quotes in articles');
  quote
    .command('add')
    .description('mark a quote: the exact text must be in the article')
    .requiredOption('--article <id>', 'the article the quote is in')
    .requiredOption('--text <exact>', 'the exact words, as they stand in the article')
    .option('--speaker <name>', 'who said it (found by name or alias, else created)')
    .option('--role <text>', 'the speaker\'s role when they said it, e.g. "research fellow, Georgetown CSET"')
    .addOption(new Option('--kind <kind>', 'what kind of quote').choices(QUOTE_KINDS).default('direct'))
    .option('--note <text>', 'a note on the quote')
    .option('--said-at <date>', 'when it was said (ISO date; default: the article date)')
    .option('--tag <tag>', 'a tag (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(async (o: { article: string; text: string; speaker?: string; role?: string; kind: (typeof QUOTE_KINDS)[number]; note?: string; saidAt?: string; tag?: string[]; json?: boolean }) => {
      const q = await run.call('quotes.create', {
        articleId: o.article, text: o.text, kind: o.kind,
        ...(o.speaker ? { speaker: o.speaker } : {}), ...(o.role ? { speakerRole: o.role } : {}), ...(o.note ? { note: o.note } : {}),
        ...(o.saidAt ? { saidAt: o.saidAt } : {}), ...(o.tag ? { tags: o.tag } : {}),
      });
      emit(o, q, () => [`${q.id}  “${fit(q.text, 80)}”${q.speakerName ? ` — ${q.speakerName}` : ''}`]);
    });

  const stance = program.command('stance').description('stances toward topics');
  stance
    .command('set')
    .description('record a stance of a quote, article or speaker toward a topic: it becomes the current one, earlier ones are kept as history')
    .option('--quote <id>', 'the quote holding the stance')
    .option('--article <id>', 'the article holding the stance')
    .option('--speaker <name>', 'the speaker holding the stance (name, alias or id)')
    .requiredOption('--topic <id|text>', 'the topic (a claim or question): its id, or its title in any case; a new title creates it (an unknown id is an error)')
    .addOption(new Option('--value <value>', 'the stance').choices(STANCE_VALUES).makeOptionMandatory())
    .option('--note <text>', 'why')
    .option('--json', 'print JSON')
    .action(async (o: { quote?: string; article?: string; speaker?: string; topic: string; value: (typeof STANCE_VALUES)[number]; note?: string; json?: boolean }) => {
      const given = [o.quote, o.article, o.speaker].filter((x) => x !== undefined);
      if (given.length !== 1) throw new AppError('validation', 'give exactly one of --quote, --article or --speaker');
      let subjectType: StanceSubjectType;
      let subjectId: string;
      if (o.quote) [subjectType, subjectId] = ['quote', o.quote];
      else if (o.article) [subjectType, subjectId] = ['article', o.article];
      else {
        subjectType = 'speaker';
        subjectId = await resolveSpeaker(run, o.speaker!);
      }
      const s = await run.call('stances.set', { subjectType, subjectId, topic: o.topic, value: o.value, ...(o.note ? { note: o.note } : {}) });
      emit(o, s, () => [`${s.id}  ${subjectType} ${subjectId} ${s.value} “${s.topicTitle}”`]);
    });

  const speaker = program.command('speaker').description('people and organisations who said things');
  speaker
    .command('merge')
    .description('merge duplicate speaker A into B: A\'s name and aliases become B\'s aliases, and its quotes and stances move')
    .argument('<a>', 'the duplicate (id, name or alias)')
    .argument('<b>', 'the speaker that stays (id, name or alias)')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, o: { json?: boolean }) => {
      const merged = await run.call('speakers.merge', { fromId: await resolveSpeaker(run, a), intoId: await resolveSpeaker(run, b) });
      emit(o, merged, (s) => [`${s.id}  ${s.name} (aliases: ${s.aliases.join(', ') || 'none'}; ${s.quoteCount} quotes)`]);
    });

  const topic = program.command('topic').description('topics: claims or questions that stances are about');
  topic
    .command('list')
    .description('list topics with their stance counts')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const page = await run.call('topics.list', { limit: 1000 });
      emit(o, page, (p) => (p.items.length ? p.items.map((t) => `${t.id}  ${t.title}  (${t.stanceCount} stances)`) : ['No topics yet. Create one with `sourcebook stance set … --topic TEXT`.']));
    });
  topic
    .command('matrix')
    .description('the stance matrix of a topic: who supports, opposes, is neutral or mixed, with evidence')
    .argument('<id>', 'the topic id')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) =>
      emit(o, await run.call('topics.matrix', { id }), (m) => [
        m.topicTitle,
        `  totals: ${STANCE_VALUES.map((v) => `${v} ${m.totals[v]}`).join(' · ')}`,
        ...[...m.speakers, ...m.outlets].map((r) => `  ${r.kind === 'outlet' ? '[outlet] ' : ''}${r.label.padEnd(30)} ${r.current}${r.isDerived ? ' (from quotes)' : ''}  ${STANCE_VALUES.map((v) => `${v[0]!.toUpperCase()}${r.counts[v]}`).join(' ')}`),
      ]),
    );

  program
    .command('suggest')
    .description('find quotations, speakers and cited sources in a stored article again')
    .argument('<id>', 'the article id')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) =>
      emit(o, await run.call('suggestions.rerun', { articleId: id }), (r) => [
        ...r.quotes.map((q) => `${q.id}  “${fit(q.text, 80)}” — ${q.speaker ?? '(speaker unknown)'}${q.speakerRole ? `, ${q.speakerRole}` : ''}`),
        ...r.sources.map((src) => `${src.id}  source: ${src.name}${src.url ? ` <${src.url}>` : ''}`),
        ...(r.quotes.length + r.sources.length === 0 ? ['No quotations or sources found.'] : []),
      ]),
    );

  const link = program.command('link').description('typed links between items and URLs');
  link
    .command('add')
    .description('link an item to another item or an external URL')
    .requiredOption('--from <id>', 'the item the link starts at')
    .requiredOption('--to <id|url>', 'an item id or an http(s) URL')
    .addOption(new Option('--type <type>', 'the kind of link').choices(LINK_TYPES).makeOptionMandatory())
    .option('--note <text>', 'a note on the link')
    .option('--json', 'print JSON')
    .action(async (o: { from: string; to: string; type: (typeof LINK_TYPES)[number]; note?: string; json?: boolean }) => {
      const target = /^https?:\/\//i.test(o.to) ? { toUrl: o.to } : { toId: o.to };
      const l = await run.call('links.create', { fromId: o.from, type: o.type, ...target, ...(o.note ? { note: o.note } : {}) });
      emit(o, l, () => [`${l.id}  ${fit(l.fromTitle, 40)} —${l.type}→ ${fit(l.toTitle, 60)}`]);
    });
  link
    .command('update')
    .description('change a link\'s type or note')
    .argument('<id>', 'the link\'s id')
    .addOption(new Option('--type <type>', 'the new kind of link').choices(LINK_TYPES))
    .option('--note <text>', 'the new note (empty to clear it)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { type?: (typeof LINK_TYPES)[number]; note?: string; json?: boolean }) => {
      const l = await run.call('links.update', { id, ...(o.type ? { type: o.type } : {}), ...(o.note !== undefined ? { note: o.note } : {}) });
      emit(o, l, () => [`${l.id}  ${fit(l.fromTitle, 40)} —${l.type}→ ${fit(l.toTitle, 60)}${l.note ? `  (${l.note})` : ''}`]);
    });
}

/** A speaker given by id, name or alias. */
async function resolveSpeaker(run: CliRunner, nameOrId: string): Promise<string> {
  try {
    return (await run.call('speakers.resolve', { name: nameOrId })).id;
  } catch (byName) {
    if ((byName as AppError).code !== 'not-found') throw byName;
    try {
      return (await run.call('speakers.get', { id: nameOrId })).id;
    } catch {
      throw byName;
    }
  }
}
