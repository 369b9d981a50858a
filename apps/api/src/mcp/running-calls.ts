import type { Viewer } from '@atelier/domain';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CancelledNotificationSchema, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { EventBus } from '../events/event-bus';
import type { McpContext } from './mcp-context';
import type { ToolExtra } from './job-wait';

/**
 * A cancel that came before its call was seen here (its POST overtook the call's) is kept this
 * long for the call to meet it: short, since a client may use the same request id again later.
 */
const EARLY_CANCEL_MS = 5_000;

interface RunningCall {
  controller: AbortController;
  /** How to stop the work the call started (its job, or its batch). */
  stops: (() => Promise<void>)[];
  stopping: Promise<void>[];
}

// Process-wide: in stateless mode the cancel arrives on another request (another McpServer).
const running = new Map<string, RunningCall>();
const cancelledEarly = new Map<string, number>();
const buses = new WeakSet<EventBus>();

/**
 * A client's request, as its cancel names it: the person, their token (two clients rarely share
 * one) and the JSON-RPC id. Stateless HTTP has no session id to narrow it further.
 */
function callKey(viewer: Viewer, requestId: RequestId): string {
  return `${viewer.id}:${viewer.tokenId ?? 'session'}:${String(requestId)}`;
}

/**
 * Handles `notifications/cancelled` on this request's server. Across processes the cancel is
 * announced on the NOTIFY channel, and whichever process runs the call cancels its jobs (the job
 * ids live only in that process's memory, so publishing is what reaches them).
 */
export function installCancellation(server: McpServer, ctx: McpContext): void {
  listenOnce(ctx.app.events);
  server.server.setNotificationHandler(CancelledNotificationSchema, async (notification) => {
    const { requestId } = notification.params;
    if (requestId === undefined) return;
    const key = callKey(ctx.viewer, requestId);
    if (running.has(key)) return cancelHere(key);
    await ctx.app.events.announceRequestCancelled(key).catch((error: unknown) => {
      ctx.app.logger.warn({ err: error }, 'MCP cancel could not be announced to other processes');
    });
  });
}

function listenOnce(events: EventBus): void {
  if (buses.has(events)) return;
  buses.add(events);
  events.onRequestCancelled((key) => {
    if (running.has(key)) return cancelHere(key);
    const now = Date.now();
    for (const [early, expires] of cancelledEarly) if (expires < now) cancelledEarly.delete(early);
    cancelledEarly.set(key, now + EARLY_CANCEL_MS);
  });
}

function cancelHere(key: string): void {
  const call = running.get(key);
  if (!call || call.controller.signal.aborted) return;
  call.controller.abort(new Error('cancelled by the client'));
  for (const stop of call.stops) call.stopping.push(stop());
}

export interface TrackedCall {
  /** Aborts when the client cancels this call (wherever the cancel arrived) or goes away. */
  signal: AbortSignal;
  /** Whether the client asked to cancel (as opposed to merely leaving). */
  readonly cancelled: boolean;
  /** Ties work to this call: cancelling the call runs `stop` (at once, if already cancelled). */
  adopt(stop: () => Promise<unknown>): Promise<void>;
  /** Resolves once the work a cancel stopped is recorded as canceled. */
  settled(): Promise<void>;
  end(): void;
}

/** Registers a tool call that starts jobs, so that `notifications/cancelled` can reach them. */
export function trackCall(ctx: McpContext, extra: ToolExtra): TrackedCall {
  listenOnce(ctx.app.events);
  const key = callKey(ctx.viewer, extra.requestId);
  const controller = new AbortController();
  const call: RunningCall = { controller, stops: [], stopping: [] };
  running.set(key, call);
  // A disconnect is not a cancel (the spec says so for Streamable HTTP): stop waiting, keep the job.
  const signal = AbortSignal.any([controller.signal, extra.signal]);
  if (cancelledEarly.delete(key)) controller.abort(new Error('cancelled by the client'));
  return {
    signal,
    get cancelled() {
      return controller.signal.aborted;
    },
    async adopt(stop) {
      const quietly = async () => {
        await stop().catch((error: unknown) => {
          // It may have finished meanwhile (INVALID_STATE): nothing left to stop.
          ctx.app.logger.debug({ err: error }, 'MCP cancel found nothing to stop');
        });
      };
      call.stops.push(quietly);
      if (controller.signal.aborted) call.stopping.push(quietly());
      await Promise.all(call.stopping);
    },
    async settled() {
      await Promise.all(call.stopping);
    },
    end() {
      if (running.get(key) === call) running.delete(key);
    },
  };
}
