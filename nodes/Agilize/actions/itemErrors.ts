import type { INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../shared/values';
import { ApiRequestError, nextStepAfter, toNodeApiError } from '../transport/errors';

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

/** What to change after a failure; input errors say it in their description. */
const nextStep = (cause: unknown, notFoundAdvice: string): string =>
	cause instanceof ApiRequestError
		? nextStepAfter(cause, notFoundAdvice)
		: 'Correct the arguments as described and call the tool again.';

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
