import type { BodyField } from './types';

/**
 * Every body field of POST /messenger/chat/messageTemplate (the 17 rows of the contract's table),
 * in the order of the API documentation: `business` and `phone` are required, the others optional.
 */
// A table, one line per field (adding a field is adding a line), so Prettier leaves it as it is.
// prettier-ignore
export const messageTemplateFields: BodyField[] = [
	{ kind: 'string', name: 'business', displayName: 'Business', meaning: 'ID of the Agilize business (account) the template belongs to' },
	{ kind: 'string', name: 'phone', displayName: 'Phone', meaning: 'WhatsApp number the template is registered for', placeholder: 'e.g. +551143214321' },
	{ kind: 'string', name: 'name', displayName: 'Name', meaning: 'Name of the template; WhatsApp expects lower case with underscores', placeholder: 'e.g. order_update' },
	{ kind: 'string', name: 'language', displayName: 'Language', meaning: 'Language of the template, a code such as pt_BR or en_US', placeholder: 'e.g. pt_BR' },
	{ kind: 'string', name: 'category', displayName: 'Category', meaning: 'Category of the template; WhatsApp’s are MARKETING, UTILITY and AUTHENTICATION', placeholder: 'e.g. UTILITY' },
	{ kind: 'string', name: 'bodyText', displayName: 'Body Text', meaning: 'Text of the template’s body' },
	{ kind: 'json', name: 'body', displayName: 'Body', meaning: 'Free-form JSON object of the template’s body' },
	{ kind: 'json', name: 'header', displayName: 'Header', meaning: 'Free-form JSON object of the template’s header' },
	{ kind: 'json', name: 'footer', displayName: 'Footer', meaning: 'Free-form JSON object of the template’s footer' },
	{ kind: 'json', name: 'buttons', displayName: 'Buttons', meaning: 'Free-form JSON object of the template’s buttons' },
	{ kind: 'string', name: 'waTemplateId', displayName: 'WhatsApp Template ID', meaning: 'ID of the template at WhatsApp' },
	{ kind: 'string', name: 'waStatus', displayName: 'WhatsApp Status', meaning: 'Review status of the template at WhatsApp' },
	{ kind: 'string', name: 'waReason', displayName: 'WhatsApp Reason', meaning: 'WhatsApp’s reason for that status' },
	{ kind: 'number', name: 'useCount', displayName: 'Use Count', meaning: 'How many times the template was used' },
	{ kind: 'string', name: 'qualityScore', displayName: 'Quality Score', meaning: 'Quality score of the template at WhatsApp' },
	{ kind: 'boolean', name: 'deleted', displayName: 'Deleted', meaning: 'Whether the template is deleted' },
	{ kind: 'boolean', name: 'hasPaymentBtn', displayName: 'Has Payment Button', meaning: 'Whether the template has a payment button' },
];
