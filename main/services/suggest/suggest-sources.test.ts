import { describe, expect, it } from 'vitest';
import { suggestSources } from './suggest-sources';

const names = (text: string, links: { href: string; text: string }[] = []) => suggestSources(text, links).map((s) => s.name);

describe('suggestSources', () => {
  it('finds outlets in the usual attribution shapes', () => {
    expect(names('According to Reuters, three shipments were rerouted.')).toEqual(['Reuters']);
    expect(names('The minister told The New York Times that he would resign.')).toEqual(['The New York Times']);
    expect(names('A Bloomberg report said the talks had stalled.')).toEqual(['Bloomberg']);
    expect(names('The rules, first reported by The Information, take effect in May.')).toEqual(['The Information']);
    expect(names('The Associated Press reported that two members dissented.')).toEqual(['Associated Press']);
    expect(names('In an interview with The Guardian last month, she said so.')).toEqual(['The Guardian']);
  });

  it('finds outlets named with a lower-case article, but not longer names that start the same', () => {
    expect(names('Two fishermen told the Guardian they had not been consulted.')).toEqual(['The Guardian']);
    expect(names('According to the Guardian, the talks stalled.')).toEqual(['The Guardian']);
    expect(names('The story was first reported by the Information.')).toEqual(['The Information']);
    expect(names('A Guardian investigation found three more cases.')).toEqual(['The Guardian']);
    expect(names('She told the Times of London that she would stay.')).toEqual(['The Times']);
    expect(names('According to the Independent Review Board, the checks failed.')).toEqual([]);
    expect(names('He told the Atlantic Council that sanctions were working.')).toEqual([]);
  });

  it('reads wire datelines and French and German attributions', () => {
    expect(names('VELLMAR, March 4 (Reuters) - Dock workers walked out.')).toEqual(['Reuters']);
    expect(names('RIVERTON (AP) — A former mayor was sentenced.')).toEqual(['Associated Press']);
    expect(names('Les travaux commencent en mai, selon l’AFP.')).toEqual(['AFP']);
    expect(names('Das berichtete der Spiegel am Montag.')).toEqual(['Der Spiegel']);
  });

  it('catches unknown outlets with "reported by <Name>" but not people or times', () => {
    expect(names('The case was first reported by the Hollis Gazette in 2022.')).toEqual(['Hollis Gazette']);
    expect(names('The story was reported by John Smith of our staff.')).toEqual([]);
    expect(names('No injuries had been reported by Sunday evening.')).toEqual([]);
  });

  it('does not treat ordinary mentions or non-outlets as sources', () => {
    expect(names('According to the National Weather Service, the storm will weaken.')).toEqual([]);
    expect(names('Reuters Street is closed for repairs.')).toEqual([]);
  });

  it('deduplicates by name and attaches the URL of a matching link', () => {
    const text = 'According to Reuters, prices rose. Reuters reported later that they fell. A Bloomberg analysis agreed.';
    const links = [
      { href: 'https://www.reuters.com/markets/prices', text: 'reported later' },
      { href: 'https://example.org/bloomberg-copy', text: 'A Bloomberg analysis' },
    ];
    expect(suggestSources(text, links)).toEqual([
      { name: 'Reuters', url: 'https://www.reuters.com/markets/prices' },
      { name: 'Bloomberg', url: 'https://example.org/bloomberg-copy' },
    ]);
  });

  it('adds outbound links to known news sites even when the text does not name them', () => {
    const links = [
      { href: 'https://www.theverge.com/2025/1/1/story', text: 'earlier coverage' },
      { href: 'https://www.linkedin.com/posts/someone', text: 'a LinkedIn post' },
      { href: 'not a url', text: 'broken' },
    ];
    expect(suggestSources('Nothing cited here.', links)).toEqual([{ name: 'The Verge', url: 'https://www.theverge.com/2025/1/1/story' }]);
  });
});
