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
  NR_FILE_NOT_REGULAR: { exit: 2, summary: 'a path that must be a regular file is a device, FIFO, socket or folder (nothing was read)' },
  NR_FILE_TOO_LARGE: { exit: 2, summary: 'a file is larger than the limit for its kind (reading stopped at the limit)' },
  NR_JSON_MALFORMED: { exit: 2, summary: 'a file is not valid JSON' },
  NR_SCHEMA_INVALID: { exit: 2, summary: 'a document does not match its JSON schema' },
  NR_INTERNAL: { exit: 1, summary: 'an unexpected internal failure' },
  NR_WORK_TOO_LARGE: { exit: 2, summary: "a job needed more memory than its thread's budget: the input is too large for this module" },
  NR_NODE_RUNTIME: { exit: 1, summary: 'the host was started on another Node than the LTS its native modules were built for (node_modules/.bin/node)' },

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
  NR_PLUGIN_ENTRY_THREW: { exit: 2, summary: "the plugin's entry module threw while loading" },
  NR_PLUGIN_EXPORTS_MISMATCH: { exit: 2, summary: 'the entry module does not export what the manifest declares' },
  NR_PLUGIN_DUPLICATE_ID: { exit: 2, summary: 'two plugins claim the same id' },
  NR_PLUGIN_DEPENDENCY_MISSING: { exit: 2, summary: 'a plugin dependency is absent or at an incompatible version' },
  NR_PLUGIN_NOT_FOUND: { exit: 2, summary: 'no discovered plugin has this id' },
  NR_PLUGIN_ACTIVATE_TIMEOUT: { exit: 1, summary: "a plugin's activate() did not settle within its time limit; the plugin is marked failed" },
  NR_PLUGIN_IMPORT_TIMEOUT: { exit: 1, summary: "a plugin's entry module took longer than its time limit to import (probed in a thread of its own); the plugin is marked failed" },
  NR_PLUGIN_FAULT: { exit: 1, summary: "a plugin's code threw or rejected after activation; the plugin is marked failed and the host goes on" },
  NR_PLUGIN_ENTRY_OUTSIDE: { exit: 2, summary: "a plugin's entry resolves (through a symlink) outside its plugin folder" },
  NR_PLUGIN_NOT_LOADABLE: { exit: 1, summary: 'a plugin failed validation and cannot be activated' },
  NR_PLUGIN_SCAFFOLD_EXISTS: { exit: 2, summary: '`plugin new` would write into a folder that already holds files (nothing was written)' },

  // --- scheduler ---
  NR_TASK_DUPLICATE: { exit: 1, summary: 'a task with this id is already scheduled' },
  NR_TASK_INVALID: { exit: 1, summary: 'a task definition is not usable' },

  // --- devices (hardware layer) ---
  NR_AUDIO_BACKEND_UNAVAILABLE: { exit: 1, summary: 'the audio backend (naudiodon/PortAudio) cannot be loaded or opened' },
  NR_AUDIO_DEVICE_NOT_FOUND: { exit: 2, summary: 'no audio output device name contains the configured substring' },
  NR_DEVICE_CONFIG_INVALID: { exit: 2, summary: 'a device section of the rack config cannot be wired' },
  NR_DEVICE_UNAVAILABLE: { exit: 1, summary: 'a device did not answer' },
  NR_DISPLAY_FRAME_INVALID: { exit: 1, summary: 'a frame does not have the size or format of the display' },
  NR_GPIO_CHIP_UNKNOWN: { exit: 2, summary: 'no GPIO chip has the label named in the rack config' },
  NR_GPIO_LINE_OUT_OF_RANGE: { exit: 2, summary: 'a GPIO offset or number is not on any chip' },
  NR_GPIO_UNAVAILABLE: { exit: 1, summary: 'GPIO lines cannot be opened on this machine' },
  NR_I2C_BUS_UNAVAILABLE: { exit: 2, summary: 'the I2C bus named in the rack config cannot be opened' },
  NR_SPI_BUS_UNAVAILABLE: { exit: 2, summary: 'the SPI device named in the rack config cannot be opened' },

  // --- descriptors and banks ---
  NR_AUDIO_EMPTY: { exit: 2, summary: 'audio given for analysis has no samples' },
  NR_AUDIO_NOT_FINITE: { exit: 2, summary: 'audio holds a NaN or infinite sample' },
  NR_AUDIO_RATE_UNSUPPORTED: { exit: 2, summary: 'audio is at a sample rate this function cannot take' },
  NR_BANK_DOWNLOAD_FAILED: { exit: 1, summary: 'a bank or registry index could not be downloaded' },
  NR_BANK_DOWNLOAD_TOO_LARGE: { exit: 2, summary: 'a download is larger than the size limit' },
  NR_BANK_ENTRY_NAME_UNSAFE: { exit: 2, summary: 'a bank entry name is not allowed (it could escape the bank folder or pass for another name on the screen)' },
  NR_BANK_EXISTS: { exit: 2, summary: 'a bank with this id is already there (--force replaces it)' },
  NR_BANK_ID_RESERVED: { exit: 2, summary: "a user bank takes the id of a shipped bank (it would shadow it); give it another id" },
  NR_BANK_HASH_MISMATCH: { exit: 2, summary: "a bank's content does not match its hash" },
  NR_BANK_INDEX_INVALID: { exit: 2, summary: 'a bank registry index is not valid' },
  NR_BANK_INSTALL_BUSY: { exit: 1, summary: 'a bank is already being installed from a registry; one install runs at a time' },
  NR_BANK_INVALID: { exit: 2, summary: 'a descriptor bank does not match the bank format' },
  NR_BANK_NAME_UNSAFE: { exit: 2, summary: 'a bank id, name or author could pass for another on the screen (blank, control, invisible or direction-changing characters, a reserved device name)' },
  NR_BANK_NOT_FOUND: { exit: 2, summary: 'no bank with this id or at this path' },
  NR_BANK_NO_USABLE_SOURCES: { exit: 2, summary: 'none of the sound files given to bank create could be used' },
  NR_BANK_PACK_INVALID: { exit: 2, summary: 'a file is not a valid packed bank (.nrbank)' },
  NR_BANK_REGISTRY_INVALID: { exit: 2, summary: 'a bank registry address is not an http(s) URL, or too many are given' },
  NR_BANK_REGISTRY_UNKNOWN: { exit: 2, summary: "a bank registry is not one the rack names (banks.registries); add it first" },
  NR_BANK_VALUE_INVALID: { exit: 2, summary: 'a descriptor bank holds a value that is not finite or is out of range' },
  NR_BANK_WRITE_FAILED: { exit: 1, summary: 'a bank could not be written' },
  NR_RESAMPLE_FAILED: { exit: 1, summary: 'audio could not be resampled' },
  NR_SYNTH_RECIPE_INVALID: { exit: 2, summary: 'an impact recipe or generator option is not valid' },
  NR_WAV_INVALID: { exit: 2, summary: 'a file is not a readable WAV file (bad header, truncated, empty or unsupported encoding)' },
  NR_WAV_TOO_LONG: { exit: 2, summary: 'a WAV file is longer than the analysis limit' },
  NR_RENDER_TOO_LONG: { exit: 2, summary: 'a curve asks for a longer render than the limit (render it in parts)' },

  // --- models ---
  NR_MODEL_CHECKPOINT_INVALID: { exit: 2, summary: 'a checkpoint is not an original Neurorack hn-sinc-NSF model' },
  NR_MODEL_DESCRIPTORS_INVALID: { exit: 2, summary: 'descriptor frames are empty, non-finite or of the wrong width' },
  NR_MODEL_EXISTS: { exit: 2, summary: 'a model with this id is already installed (use --force to replace it)' },
  NR_MODEL_FILE_CORRUPT: { exit: 2, summary: 'a model file cannot be loaded by the runtime (corrupted or truncated)' },
  NR_MODEL_GOLDEN_MISMATCH: { exit: 2, summary: "a model does not reproduce its manifest's golden vector" },
  NR_MODEL_HASH_MISMATCH: { exit: 2, summary: "a model file's sha256 or size differs from its manifest" },
  NR_MODEL_IMPORT_FAILED: { exit: 1, summary: 'importing a checkpoint failed' },
  NR_MODEL_INDEX_INVALID: { exit: 2, summary: 'a model registry index is not valid' },
  NR_MODEL_INSTALL_BUSY: { exit: 1, summary: 'another model is being installed from a registry; one installs at a time' },
  NR_MODEL_IO_MISMATCH: { exit: 2, summary: "a model's inputs or outputs differ from its manifest" },
  NR_MODEL_NOT_FOUND: { exit: 2, summary: 'a model registry lists no model with this id' },
  NR_MODEL_PACKAGE_INVALID: { exit: 2, summary: 'a model package (.nrmodel) is damaged, too large, or disagrees with its manifest (nothing was installed)' },
  NR_MODEL_PATH_UNSAFE: { exit: 2, summary: 'a model file path is absolute, climbs out of the model folder or is not a plain relative path' },
  NR_MODEL_PYTHON_MISSING: { exit: 1, summary: 'Python with torch and onnx is needed and was not found' },
  NR_MODEL_REGISTRY_INVALID: { exit: 2, summary: 'a model registry address is not an http(s) URL, or too many are given' },
  NR_MODEL_REGISTRY_UNKNOWN: { exit: 2, summary: 'a model registry is not one the rack names (model.registries); add it first' },
  NR_MODEL_RENDER_FAILED: { exit: 1, summary: 'the runtime failed while rendering' },
  NR_MODEL_STATE_MISMATCH: { exit: 2, summary: "a streaming model's state inputs or outputs differ from its manifest's state pairs (missing, unpaired or of another shape)" },
  NR_TIMBRE_INVALID: { exit: 2, summary: 'a timbre file is not a neurorack-timbre document, or its latent has the wrong width or non-finite values' },
  NR_TIMBRE_NOT_FOUND: { exit: 2, summary: 'a model has no timbre of this name' },
  NR_TIMBRE_EXISTS: { exit: 2, summary: 'a timbre of this name already exists for the model (use --force to replace a user timbre; shipped ones are never replaced)' },
  NR_TIMBRE_AUDIO_UNUSABLE: { exit: 2, summary: 'audio given to encode a timbre is silent or too short' },
  NR_TIMBRE_UNSUPPORTED: { exit: 2, summary: 'this model has no latent to take a timbre (its runtime offers no encoder)' },

  // --- dataset and training ---
  NR_DATASET_NO_USABLE_AUDIO: { exit: 2, summary: 'a dataset source gave no usable audio (no readable, non-silent WAV files)' },
  NR_DATASET_INVALID: { exit: 2, summary: 'a dataset folder or its manifest is missing or not valid' },
  NR_DATASET_WRITE_FAILED: { exit: 1, summary: 'a dataset could not be written' },
  NR_EVAL_SET_EMPTY: { exit: 2, summary: 'an evaluation set holds no usable WAV files' },
  NR_EVAL_FAILED: { exit: 1, summary: 'an evaluation could not be completed' },

  // --- state folder (settings and calibration) ---
  NR_STATE_LOST: { exit: 1, summary: 'neither a state file (settings or calibration) nor its previous good copy could be used; the defaults apply and the damaged files are left in place' },
  NR_STATE_RECOVERED: { exit: 1, summary: 'a state file (settings or calibration) was torn or corrupt (a power cut mid-write, a damaged card); its previous good copy was used' },
  NR_STATE_WRITE_FAILED: { exit: 1, summary: 'a state file (settings or calibration) could not be written; the previous one stays' },

  // --- engine, screen, web ---
  NR_CALIBRATION_REFUSED: { exit: 2, summary: 'a CV calibration was refused (readings out of range, noisy or not linear); the previous calibration stays' },
  NR_AUDIO_THREAD_FAILED: { exit: 1, summary: 'the audio worker (mixing, writing the device) failed to start; nothing is played' },
  NR_CONTROL_THREAD_FAILED: { exit: 1, summary: 'the control thread (gates, CVs, renders) failed to start or stopped; gates and CVs are not played' },
  NR_ENGINE_NO_ENTRIES: { exit: 2, summary: 'the instrument has no descriptor entries to play (no bank and no --descriptors)' },
  NR_MAPPING_FAILED: { exit: 1, summary: 'a CV mapping threw; its last good output stays in force' },
  NR_MAPPING_NOT_FINITE: { exit: 1, summary: 'a CV mapping returned NaN, infinite or malformed values; its last good output stays in force' },
  NR_MAPPING_TOO_SLOW: { exit: 1, summary: 'a CV mapping ran past its time budget; its last good output stays in force' },
  NR_MAPPING_UNKNOWN: { exit: 2, summary: 'a CV jack is assigned a mapping no cv-mapping plugin offers' },
  NR_RENDER_FAILED: { exit: 1, summary: 'a background render failed; the last ready render keeps playing' },
  NR_REPLAY_INVALID: { exit: 2, summary: 'a replay file is not valid (schema, event order or values)' },
  NR_UI_ACTION_FAILED: { exit: 1, summary: 'a menu or page action the host was asked to run failed' },
  NR_UI_MENU_INVALID: { exit: 2, summary: 'a menu JSON does not match schemas/menu.schema.json; the menu falls back to the page list' },
  NR_UI_PAGE_THREW: { exit: 1, summary: 'a screen page threw while drawing or handling input; it shows an error page and the others work' },
  NR_UI_PAGE_UNKNOWN: { exit: 2, summary: 'no screen page with this id' },
  NR_UI_STATE_INVALID: { exit: 2, summary: 'a host state file (--state) is not a usable HostView' },
  NR_WEB_BANK_READ_ONLY: { exit: 2, summary: 'a shipped bank cannot be changed from the web page; save into a user bank' },
  NR_WEB_BUSY: { exit: 1, summary: 'the server is already doing this work for another request (one audition at a time); try again when it finishes' },
  NR_WEB_BIND_FAILED: { exit: 1, summary: 'the web server could not listen on the address and port asked for' },
  NR_WEB_CLIENT_CLOSED: { exit: 1, summary: 'a web client was closed because it kept sending without reading its websocket' },
  NR_WEB_CLIENT_SLOW: { exit: 1, summary: 'a web client is not reading its websocket: its screen frames, audio and state updates are dropped' },
  NR_WEB_CONTROL_OUT_OF_RANGE: { exit: 2, summary: 'a control value from the web page is outside what the panel allows' },
  NR_WEB_CROSS_SITE: { exit: 2, summary: 'a request came from another site or without the header state-changing requests need' },
  NR_WEB_ENTRY_EXISTS: { exit: 2, summary: 'a bank already has an entry of this name (choose another name or overwrite)' },
  NR_WEB_HOST_NOT_WIRED: { exit: 1, summary: 'the web page asked for a host feature that is not wired in this build' },
  NR_WEB_HOST_REFUSED: { exit: 2, summary: 'a request named a Host the web server does not serve (DNS rebinding guard)' },
  NR_WEB_MESSAGE_INVALID: { exit: 2, summary: 'a web request or websocket message is not what the server expects' },
  NR_WEB_NAME_UNSAFE: { exit: 2, summary: 'a bank id from the web page is not a plain slug (it could escape the banks folder)' },
  NR_WEB_NOT_FOUND: { exit: 2, summary: 'no web page, API route, bank or entry at this address' },
  NR_WEB_PAIRING_LOCKED: { exit: 2, summary: 'too many wrong pairing codes came from this address (or from the network); the code is not checked until the lockout ends' },
  NR_WEB_PAIRING_REQUIRED: { exit: 2, summary: 'the web server is reachable from the network and this request has no valid pairing code' },
  NR_WEB_UPLOAD_TOO_LARGE: { exit: 2, summary: 'an upload to the web server is larger than the size limit' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;
