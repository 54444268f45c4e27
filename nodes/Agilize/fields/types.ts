/** How a value of the API is entered in the UI and sent in the body. */
export type ScalarKind = 'string' | 'stringList' | 'boolean' | 'number' | 'dateTime' | 'json';

interface FieldBase {
	/** The API's own field name: also the parameter name users' saved workflows store. */
	name: string;
	displayName: string;
	/** What the field is, in one or two sentences; the API field name is appended when rendered. */
	meaning: string;
	placeholder?: string;
}

export interface ScalarField extends FieldBase {
	kind: ScalarKind;
}

export interface OptionsField extends FieldBase {
	kind: 'options';
	options: Array<{ name: string; value: string | number; description?: string }>;
}

/** A nested object with fixed keys, stored by n8n as `<name>.values.<key>`. */
export interface ObjectField extends FieldBase {
	kind: 'object';
	keys: Array<ScalarField | OptionsField>;
}

/** A list of objects with fixed keys, stored by n8n as `<name>.<entryName>[]`. */
export interface ObjectListField extends FieldBase {
	kind: 'objectList';
	entryName: string;
	entryDisplayName: string;
	keys: Array<ScalarField | OptionsField>;
}

export type BodyField = ScalarField | OptionsField | ObjectField | ObjectListField;
export type LeafField = ScalarField | OptionsField;

/** Whether a field can be cleared by sending null: all but the booleans, which are cleared by false. */
export const isClearable = (field: BodyField): boolean => field.kind !== 'boolean';
