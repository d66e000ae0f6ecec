import { Command, Option } from 'commander';
import type { ArticleSummary, ItemDetail, Quote, Speaker, Stance, Link } from '../../../shared/domain/entities';
import { emit, progressLine, fit } from '../output';
import type { CliRunner } from '../runner';

// The date the stance is about (a quote's said-at); a replaced one also says when the user set it.
const stanceLine = (s: Stance) =>
  `  ${s.isCurrent ? '•' : '○'} ${s.value.padEnd(8)} ${s.topicTitle}${s.note ? ` — ${s.note}` : ''}  (${s.setAt.slice(0, 10)}${s.isCurrent ? '' : `, earlier: set ${s.createdAt.slice(0, 10)}`})`;
/** Whether a quote's words are still in its source (as the app's verbatim badge): said only when they are not. */
const anchorMark = (q: Quote) => (q.anchorStatus === 'orphan' ? '  [orphan]' : q.anchorStatus === 'fuzzy' ? '  [changed in source]' : '');
const quoteLine = (q: Quote) => `  ${q.id}  “${fit(q.text, 90)}”${q.speakerName ? ` — ${q.speakerName}` : ''}${anchorMark(q)}`;
const linkLine = (l: Link, incoming: boolean) => (incoming ? `  ← ${l.type} from ${fit(l.fromTitle, 70)} (${l.fromId})` : `  → ${l.type} ${fit(l.toTitle, 70)}${l.toId ? ` (${l.toId})` : ''}`);

function describe(detail: ItemDetail): string[] {
  const lines = [`${detail.type} ${detail.id}`, `  ${fit(detail.title, 120)}`];
  const item = detail.item as unknown as Record<string, unknown>;
  if (detail.type === 'article') {
    const a = detail.item as ArticleSummary;
    if (a.url) lines.push(`  url: ${a.url}`);
    if (a.siteName) lines.push(`  site: ${a.siteName}`);
    if (a.authors.length) lines.push(`  by: ${a.authors.join(', ')}`);
    if (a.publishedAt) lines.push(`  published: ${a.publishedAt}`);
    lines.push(`  clipped: ${a.clippedAt} · ${a.wordCount} words`);
  }
  if (detail.type === 'quote') {
    const q = detail.item as Quote;
    lines.push(`  article: ${q.articleTitle} (${q.articleId})`, `  kind: ${q.kind} · anchor: ${q.anchorStatus}`);
    if (q.speakerName) lines.push(`  speaker: ${q.speakerName}${q.speakerRole ? `, ${q.speakerRole}` : ''}`);
    if (q.saidAt) lines.push(`  said: ${q.saidAt}`);
    if (q.note) lines.push(`  note: ${q.note}`);
  }
  if (detail.type === 'speaker') {
    const s = detail.item as Speaker;
    lines.push(`  ${s.kind}${s.role ? ` · ${s.role}` : ''}${s.affiliation ? ` · ${s.affiliation}` : ''}`);
    if (s.aliases.length) lines.push(`  aliases: ${s.aliases.join(', ')}`);
  }
  if (detail.type === 'note' && typeof item.body === 'string') lines.push('', ...String(item.body).split('\n').map((l) => `  ${l}`));
  if (detail.tags.length) lines.push(`  tags: ${detail.tags.join(', ')}`);
  if (detail.collections.length) lines.push(`  collections: ${detail.collections.map((c) => c.name).join(', ')}`);
  if (detail.quotes.length) lines.push(`quotes (${detail.quotes.length}):`, ...detail.quotes.map(quoteLine));
  if (detail.stances.length) lines.push(`stances (${detail.stances.length}):`, ...detail.stances.map(stanceLine));
  if (detail.links.length) lines.push(`links (${detail.links.length}):`, ...detail.links.map((l) => linkLine(l, false)));
  if (detail.backlinks.length) lines.push(`backlinks (${detail.backlinks.length}):`, ...detail.backlinks.map((l) => linkLine(l, true)));
  return lines;
}

const LIST_TYPES = ['article', 'quote', 'speaker', 'topic', 'tag', 'collection', 'note', 'trash'] as const;

export function registerItems(program: Command, run: CliRunner): void {
  program
    .command('show')
    .description('show an item with its quotes, stances, links and tags')
    .argument('<id>', 'the item id')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => emit(o, await run.call('items.get', { id }), describe));

  program
    .command('list')
    .description('list items of one type (newest articles first)')
    .addOption(new Option('--type <type>', 'what to list').choices(LIST_TYPES).default('article'))
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 100)
    .option('--offset <n>', 'skip this many', (v) => Number.parseInt(v, 10), 0)
    .option('--tag <tag>', 'only items with this tag')
    .option('--json', 'print JSON')
    .option('--jsonl', 'print one JSON object per line')
    .action(async (o: { type: (typeof LIST_TYPES)[number]; limit: number; offset: number; tag?: string; json?: boolean; jsonl?: boolean }) => {
      const page = { limit: o.limit, offset: o.offset };
      const withTag = o.tag ? { tag: o.tag } : {};
      let rows: { id: string; line: string; value: unknown }[];
      let total: number;
      switch (o.type) {
        case 'article': {
          const r = await run.call('articles.list', { ...page, ...withTag });
          total = r.total;
          rows = r.items.map((a) => ({ id: a.id, value: a, line: `${a.id}  ${fit(a.title, 70).padEnd(70)}  ${fit(a.siteName ?? '', 20)}` }));
          break;
        }
        case 'quote': {
          const r = await run.call('quotes.list', { ...page, ...withTag });
          total = r.total;
          rows = r.items.map((q) => ({ id: q.id, value: q, line: `${q.id}  “${fit(q.text, 70)}”${q.speakerName ? ` — ${q.speakerName}` : ''}${anchorMark(q)}` }));
          break;
        }
        case 'speaker': {
          const r = await run.call('speakers.list', { ...page, ...withTag });
          total = r.total;
          rows = r.items.map((s) => ({ id: s.id, value: s, line: `${s.id}  ${s.name}${s.role ? `, ${s.role}` : ''}  (${s.quoteCount} quotes)` }));
          break;
        }
        case 'topic': {
          const r = await run.call('topics.list', page);
          total = r.total;
          rows = r.items.map((t) => ({ id: t.id, value: t, line: `${t.id}  ${t.title}  (${t.stanceCount} stances)` }));
          break;
        }
        case 'collection': {
          const r = await run.call('collections.list', page);
          total = r.total;
          rows = r.items.map((c) => ({ id: c.id, value: c, line: `${c.id}  ${c.name}  (${c.itemCount} items)` }));
          break;
        }
        case 'note': {
          const r = await run.call('notes.list', { ...page, ...withTag });
          total = r.total;
          rows = r.items.map((n) => ({ id: n.id, value: n, line: `${n.id}  ${fit(n.title || n.body, 80)}` }));
          break;
        }
        case 'trash': {
          const r = await run.call('trash.list', page);
          total = r.total;
          rows = r.items.map((t) => ({ id: t.id, value: t, line: `${t.id}  ${t.type.padEnd(8)} ${fit(t.title, 70)}${t.batchSize ? ` (+${t.batchSize} with it)` : ''}` }));
          break;
        }
        case 'tag': {
          const tags = await run.call('tags.list', {});
          total = tags.length;
          rows = tags.slice(o.offset, o.offset + o.limit).map((t) => ({ id: t.id, value: t, line: `${t.id}  ${t.name}  (${t.count})` }));
          break;
        }
      }
      if (o.jsonl) rows.forEach((r) => process.stdout.write(`${JSON.stringify(r.value)}\n`));
      else emit(o, { type: o.type, total, items: rows.map((r) => r.value) }, () => (rows.length ? rows.map((r) => r.line) : [`No ${o.type === 'trash' ? 'items in the trash' : `${o.type}s`}.`]));
      // A cut list says so (on stderr: stdout keeps one item per line for scripts).
      if (!o.json && !o.jsonl && rows.length > 0 && o.offset + rows.length < total) {
        progressLine(`Showing ${o.offset + 1}–${o.offset + rows.length} of ${total}; --offset ${o.offset + rows.length} for more.`);
      }
    });

  program
    .command('trash')
    .description('move an item to the trash (an article takes its quotes along)')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) =>
      emit(o, await run.call('items.trash', { id }), (r) => [`Moved to the trash: ${id}${r.count > 1 ? ` and ${r.count - 1} items with it` : ''}. Undo with \`sourcebook restore ${id}\`.`]),
    );

  program
    .command('restore')
    .description('bring an item (and what went to the trash with it) back from the trash')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => emit(o, await run.call('items.restore', { id }), (r) => [`Restored ${id}${r.count > 1 ? ` and ${r.count - 1} items with it` : ''}.`]));

  const tag = program.command('tag').description('add or remove a tag on an item, or delete a tag');
  for (const verb of ['add', 'remove'] as const) {
    tag
      .command(verb)
      .description(`${verb} a tag ${verb === 'add' ? 'to' : 'from'} an item`)
      .argument('<id>')
      .argument('<tag>')
      .option('--json', 'print JSON')
      .action(async (id: string, name: string, o: { json?: boolean }) =>
        emit(o, await run.call(verb === 'add' ? 'tags.add' : 'tags.remove', { itemId: id, tag: name }), (r) => [`${id} tags: ${r.tags.join(', ') || '(none)'}`]),
      );
  }
  tag
    .command('delete')
    .description('delete a tag for good, taking it off every item')
    .argument('<tag>', 'the tag\'s name or id')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) =>
      emit(o, await run.call('tags.delete', { tag: name }), (r) => [`Deleted the tag "${r.name}" (it was on ${r.untagged} item${r.untagged === 1 ? '' : 's'}).`]),
    );
}
