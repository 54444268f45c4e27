import { NodeApiError, type NodeOperationError } from 'n8n-workflow';

/** What to change after a failure, by HTTP status; input errors say it in their description. */
function nextStep(error: NodeApiError | NodeOperationError): string {
	if (!(error instanceof NodeApiError)) return 'Correct the arguments as described and call the tool again.';
	const status = Number(error.httpCode);
	if (status === 404) return 'No chat room has this ID: use the ID of an existing room.';
	if (status === 401 || status === 403) return 'The Agilize API credential was refused; changing the arguments will not help: tell the user.';
	if (status === 429 || status >= 500 || Number.isNaN(status)) return 'Agilize is busy or unreachable: try again later.';
	return 'Agilize refused the values: check them against the field descriptions and call the tool again.';
}

/**
 * A failure as the answer of the node run as an AI agent's tool: what went wrong, Agilize's own
 * words, and what to change. The agent can correct its arguments or tell the user; a thrown
 * error would end its whole run.
 */
export function toAgentAnswer(error: NodeApiError | NodeOperationError) {
	return {
		success: false,
		error: error.message,
		...(error.description ? { details: error.description } : {}),
		whatToChange: nextStep(error),
	};
}
