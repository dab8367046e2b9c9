// Checked by `tsc --noEmit` (never run): the package's types describe every
// option and result field, and reject what the API rejects.
import init, { clean, initSync, summarize, version, Summarizer } from 'newsdigest';
import type { Cleaned, DigestResult, SourceInput, SummarizeOptions, SourceInfo, Entry } from 'newsdigest';

declare const bytes: Uint8Array;

export async function use(): Promise<string> {
  await init();
  await init({ module_or_path: new URL('https://example.org/newsdigest_bg.wasm') });
  initSync({ module: bytes });
  const sources: SourceInput[] = [
    { name: 'a.txt', text: 'Text.' },
    { name: 'b.html', html: '<p>Page.</p>' },
    { name: 'c.txt', bytes },
  ];
  const options: SummarizeOptions = { maxSentences: 3, maxWords: 100, ratio: 0.2, type: 'tldr', length: 'long', format: 'plain-text' };
  const d: DigestResult = summarize(sources, options);
  const title: string | null = d.title;
  const entry: Entry = d.sentences[0];
  const tags: number[] = entry.sources;
  const score: number = entry.score;
  const span: number = entry.variants[0].span.end - entry.variants[0].span.start;
  const info: SourceInfo = d.sources[0];
  const error: string | null = info.error;
  summarize('one text');
  const cleaned: Cleaned = clean({ name: 'a.html', html: '<p>Page.</p>' });
  const reasons: string[] = cleaned.removed.map((r) => r.reason);
  const stale: boolean = info.stale;
  const date: string | null = d.date;
  summarize(sources);
  summarize(sources, { targetWords: 100, maxSentences: 5 });

  // @ts-expect-error: a misspelt option
  summarize(sources, { maxWord: 10 });
  // @ts-expect-error: not a type
  summarize(sources, { type: 'summary' });
  // @ts-expect-error: a source needs exactly one of text, html, bytes
  summarize([{ name: 'x', text: 'a', html: 'b' }]);

  const s: Summarizer = await Summarizer.create({ type: 'key-points', length: 'short', sharedContext: 'news', expectedInputLanguages: ['en'] });
  const text: string = await s.summarize('An article.', { context: 'news' });
  const full: DigestResult = await s.digest(sources);
  const available: 'available' = await Summarizer.availability();
  s.destroy();
  return [version(), title, tags, score, span, error, text, full.text, available, reasons, stale, date].join();
}
