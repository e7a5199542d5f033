import type { Context } from 'koa';
import type { Defer, Notifier } from './notifications.js';
import type { SimulatorState } from './state.js';

/** What every route needs: the store and the notification sender. */
export interface Sim {
  state: SimulatorState;
  notifier: Notifier;
}

/** Per-request state set by the app's middleware. */
export interface SimRequestState {
  accessToken: string;
  collectorId: number;
  /** Runs a task once the response has gone out (notifications must never beat it). */
  afterResponse: Defer;
}

export function requestState(ctx: Context): SimRequestState {
  return ctx.state as SimRequestState;
}

/** The simulator's public URL: configured (when mounted under a prefix) or this request's origin. */
export function baseUrlOf(sim: Sim, ctx: Context): string {
  return (sim.state.config.baseUrl ?? ctx.origin).replace(/\/+$/, '');
}

/** A JSON object from an unknown value, or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function bodyOf(ctx: Context): Record<string, unknown> {
  return asObject((ctx.request as { body?: unknown }).body) ?? {};
}

/** Responses are copies so a later change to the stored object never leaks into a replay. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
