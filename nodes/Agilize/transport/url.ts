/** The credential's Base URL without trailing slashes, so that paths can be appended. */
export function normalizeBaseUrl(baseUrl: unknown): string {
	const url = typeof baseUrl === 'string' && baseUrl.trim() ? baseUrl.trim() : 'https://api.agilize.app';
	return url.replace(/\/+$/, '');
}

/**
 * One path segment for an id: percent-encoded, and never one that URL normalisation would turn
 * into another path ('.' and '..' address the parent resources).
 */
export function encodePathSegment(id: string): string | undefined {
	if (id === '' || id === '.' || id === '..') return undefined;
	return encodeURIComponent(id);
}
