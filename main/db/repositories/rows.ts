/** Small helpers shared by the row mappers. */
export const parseJsonArray = (value: unknown): string[] => {
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** Tags of an item as a list, from a GROUP_CONCAT with the unit separator (never in a tag name). */
export const splitTags = (value: unknown): string[] =>
  typeof value === 'string' && value.length > 0 ? value.split('\u001f').sort((a, b) => a.localeCompare(b)) : [];

export const TAGS_OF = (idColumn: string) =>
  `(SELECT group_concat(t.name, char(31)) FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE tg.item_id = ${idColumn})`;

/** Escape LIKE wildcards so user text matches literally (used with ESCAPE '\\'). */
export const likeContains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
