import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Font families by script: Noto fonts shipped as npm packages (OFL-1.1), embedded and subset. */
export const SCRIPTS = ['latin', 'arabic', 'ethiopic'] as const;

/** A script a font covers. */
export type FontScript = (typeof SCRIPTS)[number];

const FILES: Record<FontScript, { regular: string; bold: string }> = {
  latin: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  arabic: {
    regular: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  },
  ethiopic: {
    regular: '@expo-google-fonts/noto-sans-ethiopic/400Regular/NotoSansEthiopic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-ethiopic/700Bold/NotoSansEthiopic_700Bold.ttf',
  },
};

/** The registered name of a font (script and weight) inside a document. */
export function fontName(script: FontScript, bold: boolean): string {
  return `${script}-${bold ? 'bold' : 'regular'}`;
}

/** Absolute paths of every font, keyed by registered name. */
export function fontFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const script of SCRIPTS) {
    out[fontName(script, false)] = require.resolve(FILES[script].regular);
    out[fontName(script, true)] = require.resolve(FILES[script].bold);
  }
  return out;
}

/** The script whose font draws a character (everything not Arabic or Ge'ez uses the Latin font). */
export function scriptOf(code: number): FontScript {
  if (
    (code >= 0x0600 && code <= 0x06ff) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08ff) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfeff)
  ) {
    return 'arabic';
  }
  if (
    (code >= 0x1200 && code <= 0x139f) ||
    (code >= 0x2d80 && code <= 0x2ddf) ||
    (code >= 0xab00 && code <= 0xab2f)
  ) {
    return 'ethiopic';
  }
  return 'latin';
}
