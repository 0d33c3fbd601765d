/** The two UI languages: Simplified Chinese (default) and English. */
export type Locale = 'zh' | 'en';

/** A user-facing text in both UI languages. Every code a model outputs has one. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** Accepts BCP 47 tags too ('zh-CN', 'en-US'): anything starting with "zh" is Chinese, else English. */
export function resolveLocale(tag: string): Locale {
  return tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
