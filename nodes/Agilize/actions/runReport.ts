import type { Logger, NodeExecutionHint } from 'n8n-workflow';

import { ApiRequestError, failureKind, failureLabel } from '../transport/errors';
import type { RequestEvents } from '../transport/request';

/** Waits for a turn shorter than this are the pace working as meant: not worth a word. */
const NOTABLE_WAIT_MS = 1000;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "3 HTTP 503, 2 timed out": counts by kind, most first. */
function tally(counts: Map<string, number>): string {
	return [...counts]
		.sort(([, a], [, b]) => b - a)
		.map(([kind, count]) => `${count} ${kind}`)
		.join(', ');
}

const add = (counts: Map<string, number>, kind: string) =>
	counts.set(kind, (counts.get(kind) ?? 0) + 1);

/** How a failed item is counted in the hint. */
const kindOf = (error: unknown): string =>
	error instanceof ApiRequestError ? failureKind(error.failure) : 'invalid input';

/**
 * What one execution of the node met on its way — 429s, waits for a turn, retries, failed items —
 * told to the user as execution hints under the node's output, and to the admin as debug lines in
 * n8n's log (N8N_LOG_LEVEL=debug). Numbers, statuses and item numbers only: never the key or a
 * body's values. A clean run says nothing.
 */
export class RunReport {
	private readonly startedAt = Date.now();

	private succeeded = 0;

	private readonly failures = new Map<string, number>();

	private http429s = 0;

	private longWaits = 0;

	private longestWaitMs = 0;

	private waitedMs = 0;

	private readonly retries = new Map<string, number>();

	constructor(
		private readonly logger: Logger | undefined,
		private readonly options: { timeoutMs: number; maxRequestsPerSecond: number },
	) {}

	/** The events of item `itemIndex`'s request. */
	eventsFor(itemIndex: number): RequestEvents {
		return {
			waited: (ms) => {
				this.waitedMs += ms;
				this.longestWaitMs = Math.max(this.longestWaitMs, ms);
				if (ms < NOTABLE_WAIT_MS) return;
				this.longWaits++;
				this.debug(`item ${itemIndex} waited ${seconds(ms)} for its turn under the shared pace`, {
					itemIndex,
					waitMs: ms,
				});
			},
			rateLimited: (waitMs, pausedAll, pacePerSecond) => {
				this.http429s++;
				const pace = Number.isFinite(pacePerSecond)
					? `${pacePerSecond.toFixed(1)} requests/s`
					: 'unpaced';
				const who = pausedAll ? 'every request of this credential waits' : 'it waits';
				this.debug(
					`item ${itemIndex} was rate limited (HTTP 429): ${who} ${seconds(waitMs)}; pace ${pace}`,
					{
						itemIndex,
						waitMs,
						pacePerSecond,
					},
				);
			},
			retrying: (failure, waitMs) => {
				const reason = failureLabel(failure);
				add(this.retries, failureKind(failure));
				this.debug(`item ${itemIndex} is retried in ${seconds(waitMs)} after ${reason}`, {
					itemIndex,
					waitMs,
					reason,
				});
			},
		};
	}

	itemSucceeded(): void {
		this.succeeded++;
	}

	itemFailed(error: unknown): void {
		add(this.failures, kindOf(error));
	}

	private debug(message: string, meta: Record<string, unknown>): void {
		this.logger?.debug(`Agilize: ${message}`, meta);
	}

	/**
	 * The hints for the run of `items` items, none after a clean run; the summary goes to the debug
	 * log. `pacePerSecond`: the pace the run ended at (Infinity: unpaced).
	 */
	finish(items: number, pacePerSecond: number): NodeExecutionHint[] {
		const elapsedMs = Date.now() - this.startedAt;
		const failed = [...this.failures.values()].reduce((sum, count) => sum + count, 0);
		const retried = [...this.retries.values()].reduce((sum, count) => sum + count, 0);
		this.debug(
			`${plural(items, 'item', 'items')} in ${seconds(elapsedMs)}: ${this.succeeded} succeeded, ${failed} failed, ${this.http429s} HTTP 429, ${retried} retried`,
			{
				items,
				elapsedMs,
				succeeded: this.succeeded,
				failed,
				rateLimited: this.http429s,
				retried,
			},
		);
		const hints: NodeExecutionHint[] = [];
		const hint = (message: string, type: NodeExecutionHint['type']) =>
			hints.push({ message, type, location: 'outputPane' });
		if (this.http429s) {
			const times = plural(this.http429s, 'time', 'times');
			const advice = Number.isFinite(pacePerSecond)
				? `The node slowed down to about ${pacePerSecond.toFixed(1)} requests per second: set Options → Max Requests per Second to ${Math.max(1, Math.floor(pacePerSecond))}`
				: "Each cost only its pause; if they keep coming, set Options → Max Requests per Second to your Agilize plan's limit";
			hint(
				`Agilize answered HTTP 429 (too many requests) ${times}. ${advice} (divided by the workers in queue mode) to stay under Agilize's limit.`,
				'warning',
			);
		}
		if (this.longWaits) {
			const why = this.options.maxRequestsPerSecond
				? "Max Requests per Second and Agilize's 429s"
				: "Agilize's 429s";
			hint(
				`${plural(this.longWaits, 'item', 'items')} waited over a second for a turn (up to ${seconds(this.longestWaitMs)}, ${seconds(this.waitedMs)} in all): the executions using this credential share one pace (${why}). A webhook caller waits meanwhile; if it gives up, set the Webhook to respond immediately.`,
				'info',
			);
		}
		if (retried) {
			const slow = this.retries.has('timed out')
				? ` If Agilize is slow rather than down, a longer Timeout (now ${this.options.timeoutMs} ms) may help.`
				: '';
			hint(
				`${plural(retried, 'request was', 'requests were')} retried after a transient failure (${tally(this.retries)}).${slow}`,
				'info',
			);
		}
		if (failed) {
			hint(
				`${failed} of ${plural(items, 'item', 'items')} failed (${tally(this.failures)}): see their errors.`,
				'warning',
			);
		}
		return hints;
	}
}
