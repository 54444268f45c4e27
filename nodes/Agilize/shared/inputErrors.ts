/**
 * Input the API cannot take. Thrown without the item's number: the router adds `[item N]` and
 * `itemIndex` when it turns this into the item's error, in one place for every source of input.
 */
export class InvalidInputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
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
