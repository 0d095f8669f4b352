/** Prebuilt voices and live models of Gemini Live and Vertex AI Live (late 2026); light, no I/O. */

/** The 30 prebuilt voices, shared by every live model on both backends; Puck is the service default. */
export const GEMINI_VOICES = [
  'Puck',
  'Charon',
  'Kore',
  'Fenrir',
  'Aoede',
  'Leda',
  'Orus',
  'Zephyr',
  'Autonoe',
  'Umbriel',
  'Erinome',
  'Laomedeia',
  'Schedar',
  'Achird',
  'Sadachbia',
  'Enceladus',
  'Algieba',
  'Algenib',
  'Achernar',
  'Gacrux',
  'Zubenelgenubi',
  'Sadaltager',
  'Callirrhoe',
  'Iapetus',
  'Despina',
  'Rasalgethi',
  'Alnilam',
  'Pulcherrima',
  'Vindemiatrix',
  'Sulafat',
] as const;

/** The stable live model Google recommends (protocol notes §0.5, §6); audio output only. */
export const GEMINI_DEFAULT_MODEL = 'gemini-3.8-live';
export const GEMINI_MODELS = [
  GEMINI_DEFAULT_MODEL,
  'gemini-2.5-flash-native-audio-preview-12-2025',
  'gemini-3.8-live-extended-thinking',
  'gemini-3.1-flash-live-preview',
  'gemini-2.5-flash-native-audio-latest',
  'gemini-3.5-live-translate-preview',
] as const;

export const VERTEX_DEFAULT_MODEL = 'gemini-live-2.5-flash-native-audio';
export const VERTEX_MODELS = [VERTEX_DEFAULT_MODEL, 'gemini-3.8-live', 'gemini-live-2.5-flash'] as const;
export const VERTEX_DEFAULT_LOCATION = 'us-central1';

/**
 * Half-cascade live models, the only ones that can answer in TEXT. Native-audio and 3.x models
 * close the socket (1007/1011) when asked for TEXT, so everything else gets AUDIO plus the
 * output transcription, even when the user only wants text.
 */
const TEXT_CAPABLE =
  /(^|\/)(gemini-2\.0-flash-live-001|gemini-live-2\.5-flash|gemini-live-2\.5-flash-preview|gemini-2\.0-flash-live-preview-04-09)$/;

export function canAnswerInText(model: string): boolean {
  return TEXT_CAPABLE.test(model.trim());
}
