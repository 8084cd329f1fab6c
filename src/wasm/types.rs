//! TypeScript declarations for option and result shapes read by hand from JS values.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const OPTION_TYPES: &str = r#"
/** Options of `HandingerClient` and of every call (per-call values win). */
export interface ClientOptions {
  /** Bearer key. Node: falls back to `process.env.HANDINGER_API_KEY` when undefined;
   *  `null` means no key (e.g. a proxy of yours adds it). */
  apiKey?: string | null;
  /** Default `https://handinger.com` (Node: `HANDINGER_BASE_URL`). May carry a path prefix; in a page or worker a relative URL is resolved against its location. */
  baseUrl?: string;
  /** Per attempt, covering headers and body. Default 60000. */
  timeoutMs?: number;
  /** Default 2. */
  maxRetries?: number;
  /** Extra request headers (may override `Accept`/`Authorization`): a record, a `Headers`, a `Map` or [name, value] pairs. */
  headers?:
    | Record<string, string>
    | Iterable<readonly [string, string]>
    // A Headers, typed by its forEach so that it fits without lib "dom.iterable".
    | { forEach(callback: (value: string, name: string) => void): void };
  /** Default: `globalThis.fetch`, bound. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Default 64 MiB; counted while streaming. */
  maxResponseBytes?: number;
  /** `http://` is refused for non-loopback hosts unless this is true. */
  allowInsecureHttp?: boolean;
  /** Report unknown enum values (e.g. a new task status). Default false for fetch calls. */
  strict?: boolean;
  /** 'off' (default), 'warn' (failures), 'info' (+ retry decisions), 'debug' (+ every attempt). */
  logLevel?: 'off' | 'warn' | 'info' | 'debug';
  /** Where log lines go (default `console`); Authorization is always redacted. */
  logger?: Pick<Console, 'debug' | 'info' | 'warn'>;
}

export interface FetchTaskOptions extends ClientOptions {
  signal?: AbortSignal;
}

export interface WaitForTaskOptions extends FetchTaskOptions {
  /** First wait between polls (default 1000 ms); grows 1.5× per unchanged poll up to 10 s. */
  pollIntervalMs?: number;
  /** Then `WaitTimeoutError` (its `lastTask` holds the last snapshot). Default: no limit. */
  maxWaitMs?: number;
  /** Called with the first snapshot, then on each change of status, turn count or last turn status. */
  onUpdate?: (task: TaskWithTurns) => void;
}

export interface TaskWithResponse {
  data: TaskWithTurns;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** From `x-request-id` or `request-id`. */
  requestId: string | null;
  /** Retries made before this response (0 when the first attempt succeeded). */
  retries: number;
}
"#;
