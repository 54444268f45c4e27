import type { BodyField } from './types';

/**
 * Every body field of PATCH /crm/lead/stage/{_id} (the 11 rows of the contract's table), in the
 * order of the API documentation. The UI properties and the request body both follow from it.
 */
// A table, one line per field (adding a field is adding a line), so Prettier leaves it as it is.
// prettier-ignore
export const funnelStageFields: BodyField[] = [
	{ kind: 'string', name: 'funnel', displayName: 'Funnel', meaning: 'ID of the funnel the stage belongs to' },
	{ kind: 'string', name: 'label', displayName: 'Label', meaning: 'Name shown for the stage' },
	{ kind: 'string', name: 'systemName', displayName: 'System Name', meaning: 'Internal name of the stage' },
	{ kind: 'string', name: 'color', displayName: 'Color', meaning: 'Colour of the stage', placeholder: 'e.g. #2e7d32' },
	{ kind: 'boolean', name: 'isFinal', displayName: 'Is Final', meaning: 'Whether the stage ends the funnel' },
	{
		kind: 'options',
		name: 'finalType',
		displayName: 'Final Type',
		meaning: 'How a final stage ends the funnel: won or loss (Fields to Clear sends null)',
		options: [
			{ name: 'Won', value: 'won' },
			{ name: 'Loss', value: 'loss' },
		],
	},
	{ kind: 'number', name: 'order', displayName: 'Order', meaning: 'Position of the stage in its funnel' },
	{
		kind: 'objectList',
		name: 'transitionRules',
		displayName: 'Transition Rules',
		meaning: 'Rules that move leads into the stage, sent as a list',
		entryName: 'rules',
		entryDisplayName: 'Rule',
		keys: [
			{ kind: 'string', name: 'path', displayName: 'Path', meaning: 'Path of the rule' },
			{ kind: 'string', name: 'label', displayName: 'Label', meaning: 'Label of the rule' },
			{ kind: 'string', name: 'hint', displayName: 'Hint', meaning: 'Hint of the rule' },
			{ kind: 'string', name: 'source', displayName: 'Source', meaning: 'Source of the rule' },
		],
	},
	{ kind: 'boolean', name: 'deleted', displayName: 'Deleted', meaning: 'Whether the stage is deleted' },
	{ kind: 'dateTime', name: 'updatedAt', displayName: 'Updated At', meaning: 'Date and time the stage was last updated' },
	{ kind: 'dateTime', name: 'createdAt', displayName: 'Created At', meaning: 'Date and time the stage was created' },
];
