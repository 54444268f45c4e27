/** What the API must receive for update-stage.workflow.json; used in-process and in real n8n. */
export const updateStageRequests = [
	[
		'PATCH',
		'/crm/lead/stage/68141cd4da5bfc9d9c85b20f',
		{
			label: 'Closed won',
			color: '#2e7d32',
			isFinal: true,
			finalType: 'won',
			order: 5,
			transitionRules: [
				{
					path: 'deal.status',
					label: 'Deal won',
					hint: 'Moves leads whose deal is won',
					source: 'crm',
				},
			],
			updatedAt: '2026-12-01T12:00:00.000Z', // 09:00 in the workflow's timezone, São Paulo
		},
	],
];

/** The raw body of clear-final-type.workflow.json. */
export const clearFinalTypeBody = '{"isFinal":false,"finalType":null}';
