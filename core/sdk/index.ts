/**
 * The Neurorack plugin SDK (`neurorack/sdk`): everything a plugin may use of the host, and nothing
 * else. Built-in and third-party plugins import this module only; the host gives every plugin it
 * loads this same module (one NeurorackError class, one theme), whether the plugin lives in
 * dist/plugins, a rack's pluginDirs or an npm package. A test (test/core/sdk/plugin-boundary)
 * refuses any other import of the core from plugins/, and any import of plugins/ from the core.
 */

// --- the plugin entry and its manifest ---
export type { PluginModule, PluginContext } from '../plugins/plugin-module';
export type { PluginManifest, PluginKind, ModelOffer, MappingOffer, PageOffer, ParamDecl } from '../plugins/plugin-manifest';
export { hostVersion } from '../host-version';
/** The host's install folder (its training/ scripts and shipped models/ live under it). */
export { packageRoot } from '../paths';

// --- errors: one catalogue of stable codes ---
export { NeurorackError, asNeurorackError, type ErrorLocation } from '../errors/neurorack-error';
export { catalogue, type CatalogueEntry, type ErrorCode } from '../errors/catalogue';

// --- descriptors: order, units, frame grid, silent-frame conditioning ---
export { DESCRIPTOR_ORDER, DESCRIPTOR_UNITS, DESCRIPTOR_SAMPLE_RATE, DESCRIPTOR_HOP_LENGTH, type DescriptorName } from '../descriptors/descriptor-matrix';
export type { DescriptorFrames } from '../engine/descriptor-frames';
export { SilentFrameHold, SILENT_RMS } from '../descriptors/silent-frames';

// --- model runtimes (plugins of kind `model`) ---
export type { ModelRuntime, LoadedModel, ModelLoadOptions, CheckpointImportOptions, ModelInputReport } from '../model-runtime/model-runtime';
export { DEFAULT_RENDER_SEED, LEAD_FRAMES, type ModelRenderer, type RenderTarget } from '../engine/model-renderer';
export { installedSchemas, SchemaIds, type SchemaRegistry, type SchemaId } from '../schemas/schema-registry';
export { readBounded, readBoundedSync, type BoundedReadOptions } from '../files/read-bounded';
export { setThreadPriority, THREAD_NICENESS, type ThreadRole } from '../scheduler/thread-priority';
// the model folder's manifest, typed from schemas/model-manifest.schema.json (as validated, defaults filled in)
export type { ModelManifest, StateList } from '../generated/model-manifest';
// the parts every runtime needs: folder checks, worker plumbing, render targets, timbres
export { readModelManifestFile } from '../model-runtime/model-manifest-file';
export { readVerifiedFiles, readVerifiedFile, type ListedFile } from '../model-runtime/verified-files';
export { compareToGolden } from '../model-runtime/golden-compare';
export { createModelSession, streamingField, type SessionFactory } from '../model-runtime/model-session';
export { checkGraphIo, type TensorSpec, type GraphSignature } from '../model-runtime/graph-io-check';
export { packDescriptors } from '../model-runtime/descriptor-input';
export { checkRenderTarget } from '../model-runtime/render-target-check';
export { FirstChunkGate } from '../model-runtime/first-chunk-gate';
export { laterChunkWanted, PACE_AHEAD_FRAMES, PACE_SETTLE_MS, type PacedTarget } from '../model-runtime/render-pace';
export { ModelThreadPriority, type ModelRestRole } from '../model-runtime/model-thread-priority';
export { ModelWorkerClient, type ModelWorkerStart } from '../model-runtime/model-worker-client';
export { serveModelWorker, owned, toWire, fromWire, type WireError, type WorkerHello, type WorkerReply, type HandlerResult } from '../model-runtime/worker-wire';
export { parseTimbre, timbreJson, TIMBRE_FORMAT, TIMBRE_NAME, type TimbreDocument, type TimbreInfo } from '../model-runtime/timbre-file';
export { userTimbresDir, readUserTimbres, type UserTimbres } from '../model-runtime/user-timbres';
export { InputRangeMonitor } from '../model-runtime/input-range-monitor';

// --- CV mappings (plugins of kind `cv-mapping`) ---
export type { CvMapping, MappingContext, MappingResult } from '../engine/cv-mapping';

// --- screen pages (plugins of kind `screen-page`): contract, host view, drawing kit, theme ---
export { widget, type ScreenPage, type Widget, type PageFrame, type PageInputContext, type Gfx, type MenuFrame, type MenuLine } from '../ui/screen-page';
export type { HostActions } from '../ui/host-actions';
export type {
  HostView, HostPhase, ModelView, InstalledModel, BankView, BankSummary, CommunityView, CvView, GateView, CurvesView, FollowView, OutputView,
  ParamView, AssignmentsView, CalibrationView, StatsView, AboutView, ToastView,
} from '../ui/host-view';
export type { RangeExcursion } from '../ui/range-excursions';
export { layout, fitText, fitMiddle, drawHeader, scrollTop, drawList, toneColour, drawBar, drawCentred, wrapText, formatVolts, type ListRow } from '../ui/draw-kit';
export { theme, font, type Theme } from '../ui/theme';
export { rect, union, clampToScreen, intersects, SCREEN_SIZE, FULL_SCREEN, type Rect } from '../ui/rect';
