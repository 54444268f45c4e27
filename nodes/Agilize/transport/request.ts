import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { toNodeApiError, type RequestContext } from './errors';

export const CREDENTIAL_TYPE = 'agilizeApi';

export interface AgilizeRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, its variable segments already encoded. */
	path: string;
	body: IDataObject;
}

/**
 * The one way this package talks to Agilize: n8n's authenticated request helper (proxies, the
 * credential's x-api-key header, cancellation), with failures translated by `toNodeApiError`.
 */
export async function agilizeApiRequest(
	this: IExecuteFunctions,
	request: AgilizeRequest,
	context: RequestContext,
): Promise<unknown> {
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: request.method,
			url: `${context.baseUrl}${request.path}`,
			headers: { Accept: 'application/json' },
			body: request.body,
			json: true,
		});
	} catch (error) {
		throw toNodeApiError(error, context);
	}
}
