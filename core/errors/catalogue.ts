/**
 * Every error the host can report, in one place. Codes are stable: tools, tests and the screen's
 * error toasts key on them, so a code is never renamed or reused. Each entry says whether the
 * failure is bad input (exit 2) or a runtime failure (exit 1) and gives a one-line summary; the
 * thrown error's message adds where (file, JSON pointer, device) and what was expected.
 *
 * Add codes in the section of your area; keep each section sorted.
 */
export interface CatalogueEntry {
  /** CLI exit status when this error ends a command: 2 bad input or usage, 1 runtime failure. */
  readonly exit: 1 | 2;
  readonly summary: string;
}

export const catalogue = {
  // --- usage and generic input ---
  NR_USAGE: { exit: 2, summary: 'the command line is not valid' },
  NR_FILE_NOT_FOUND: { exit: 2, summary: 'a file or folder named on input does not exist' },
  NR_JSON_MALFORMED: { exit: 2, summary: 'a file is not valid JSON' },
  NR_SCHEMA_INVALID: { exit: 2, summary: 'a document does not match its JSON schema' },
  NR_INTERNAL: { exit: 1, summary: 'an unexpected internal failure' },

  // --- schemas ---
  NR_SCHEMA_UNKNOWN: { exit: 1, summary: 'a schema id is not registered' },

  // --- rack config and profiles ---
  NR_PROFILE_UNKNOWN: { exit: 2, summary: 'no built-in profile has this name' },
  NR_RACK_INVALID: { exit: 2, summary: 'a rack config does not describe a usable rack' },

  // --- plugins ---
  NR_PLUGIN_MANIFEST_MISSING: { exit: 2, summary: 'a plugin folder has no plugin.json' },
  NR_PLUGIN_MANIFEST_INVALID: { exit: 2, summary: 'a plugin manifest does not match the schema' },
  NR_PLUGIN_KIND_UNKNOWN: { exit: 2, summary: 'a plugin declares a kind the host does not know' },
  NR_PLUGIN_HOST_INCOMPATIBLE: { exit: 2, summary: "the host version is outside the plugin's host range" },
  NR_PLUGIN_ENTRY_MISSING: { exit: 2, summary: "the plugin's entry file does not exist" },
  NR_PLUGIN_ENTRY_THREW: { exit: 1, summary: "the plugin's entry module threw while loading" },
  NR_PLUGIN_EXPORTS_MISMATCH: { exit: 2, summary: 'the entry module does not export what the manifest declares' },
  NR_PLUGIN_DUPLICATE_ID: { exit: 2, summary: 'two plugins claim the same id' },
  NR_PLUGIN_DEPENDENCY_MISSING: { exit: 2, summary: 'a plugin dependency is absent or at an incompatible version' },
  NR_PLUGIN_NOT_FOUND: { exit: 2, summary: 'no discovered plugin has this id' },
  NR_PLUGIN_NOT_LOADABLE: { exit: 1, summary: 'a plugin failed validation and cannot be activated' },

  // --- scheduler ---
  NR_TASK_DUPLICATE: { exit: 1, summary: 'a task with this id is already scheduled' },
  NR_TASK_INVALID: { exit: 1, summary: 'a task definition is not usable' },

  // --- devices (hardware layer) ---
  NR_DEVICE_UNAVAILABLE: { exit: 1, summary: 'a device did not answer' },

  // --- descriptors and banks ---

  // --- models ---

  // --- engine, screen, web ---
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;
