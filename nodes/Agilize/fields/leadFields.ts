import type { BodyField } from './types';

/**
 * The body fields of POST /crm/lead/lead that Agilize's integration sample sends (the contract's
 * table), `name` among them; other keys of a lead are sent through the JSON body.
 */
// A table, one line per field (adding a field is adding a line), so Prettier leaves it as it is.
// prettier-ignore
export const leadFields: BodyField[] = [
	{ kind: 'string', name: 'name', displayName: 'Name', meaning: 'Name of the lead, a person or a company' },
	{ kind: 'stringList', name: 'tags', displayName: 'Tags', meaning: 'IDs of existing Agilize tags to put on the lead', placeholder: 'e.g. 68141cd4da5bfc9d9c85b20f' },
	{
		kind: 'objectList',
		name: 'phones',
		displayName: 'Phones',
		meaning: 'Phone numbers of the lead, sent as a list',
		entryName: 'phone',
		entryDisplayName: 'Phone',
		keys: [{ kind: 'string', name: 'phone', displayName: 'Phone', meaning: 'Phone number in international format', placeholder: 'e.g. +551143214321' }],
	},
	{
		kind: 'objectList',
		name: 'emails',
		displayName: 'Emails',
		meaning: 'Email addresses of the lead, sent as a list',
		entryName: 'email',
		entryDisplayName: 'Email',
		keys: [{ kind: 'string', name: 'email', displayName: 'Email', meaning: 'Email address', placeholder: 'name@email.com' }],
	},
];
