import type { INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../shared/values';
import { ApiRequestError, toNodeApiError } from '../transport/errors';

export type ItemError = NodeApiError | NodeOperationError;

/**
 * The item's error, built once: a failed request as n8n's NodeApiError; bad input with the
 * item's number; anything else is still this item's error.
 */
export function toItemError(node: INode, error: unknown, itemIndex: number): ItemError {
	if (error instanceof ApiRequestError) return toNodeApiError(error, node, itemIndex);
	if (error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(node, `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.description,
		});
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** What to change after a failure, by HTTP status; input errors say it in their description. */
function nextStep(cause: unknown, notFoundAdvice: string): string {
	if (!(cause instanceof ApiRequestError)) {
		return 'Correct the arguments as described and call the tool again.';
	}
	const { status } = cause;
	if (cause.unconfirmed) {
		return 'Agilize may have created it already: do not call the tool again for it; tell the user to check in Agilize.';
	}
	if (status === 404) return notFoundAdvice;
	if (status === 401 || status === 403) {
		return 'The Agilize API credential was refused; changing the arguments will not help: tell the user.';
	}
	if (status === undefined || status === 429 || status >= 500) {
		return 'Agilize is busy or unreachable: try again later.';
	}
	return 'Agilize refused the values: check them against the field descriptions and call the tool again.';
}

/**
 * A failure as the answer of the node run as an AI agent's tool: what went wrong, Agilize's own
 * words, and what to change. The agent can correct its arguments or tell the user; a thrown
 * error would end its whole run.
 */
export function toAgentAnswer(itemError: ItemError, cause: unknown, notFoundAdvice: string) {
	return {
		success: false,
		error: itemError.message,
		...(itemError.description ? { details: itemError.description } : {}),
		whatToChange: nextStep(cause, notFoundAdvice),
	};
}
