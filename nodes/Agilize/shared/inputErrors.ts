/**
 * Input the API cannot take. Thrown without the item's number: the router adds `[item N]` and
 * `itemIndex` when it turns this into the item's error, in one place for every source of input.
 */
export class InvalidInputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
		/** n8n's own error, where n8n refused the value (an expression it could not evaluate). */
		cause?: Error,
	) {
		super(message, cause ? { cause } : undefined);
		this.name = 'InvalidInputError';
	}
}

/** A value the user gave that the API cannot take; `label` names the field as the UI shows it. */
export class InvalidFieldValueError extends InvalidInputError {
	constructor(
		readonly label: string,
		readonly problem: string,
		description?: string,
	) {
		super(`${label} ${problem}`, description);
		this.name = 'InvalidFieldValueError';
	}
}
