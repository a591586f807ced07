// One GitHub issue per vendor for the drift watch, through the REST API: opened (labelled
// `drift`, titled `Drift: <vendor>`) when the vendor drifts or its document cannot be checked,
// its body replaced on every later run while that lasts, and commented and closed once the vendor
// is clean. Vendors that are not watched get no issue.
import { cleanComment, ISSUE_LABEL, issueBody, issueTitle } from './watch-markdown.mjs';

/** The API refused or failed a request; the message names the request and the status, never the token. */
export class GitHubError extends Error {}

const TIMEOUT_MS = 30_000;

/**
 * @param {{ apiUrl: string, repository: string, token: string }} options
 *   `repository` is `owner/name` (GITHUB_REPOSITORY); `apiUrl` GITHUB_API_URL.
 */
export function createIssueTracker({ apiUrl, repository, token }) {
  const base = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`;

  async function request(method, url, body) {
    const what = `${method} ${url.replace(/\?.*$/, '')}`;
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'switchboard-drift-watch',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new GitHubError(`${what}: ${error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (error.cause?.code ?? error.message)}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = '';
      try {
        message = JSON.parse(text).message ?? '';
      } catch {
        // Not GitHub's JSON error: the status says enough.
      }
      throw new GitHubError(`${what}: HTTP ${response.status}${message ? ` (${message})` : ''}`);
    }
    return { data: text ? JSON.parse(text) : undefined, next: /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] };
  }

  /** The open issues labelled `drift`, by title (pull requests, which the endpoint also lists, left out). */
  async function openIssues() {
    const byTitle = new Map();
    let url = `${base}/issues?state=open&labels=${encodeURIComponent(ISSUE_LABEL)}&per_page=100`;
    while (url) {
      const { data, next } = await request('GET', url);
      for (const issue of data) if (!issue.pull_request && !byTitle.has(issue.title)) byTitle.set(issue.title, issue);
      url = next;
    }
    return byTitle;
  }

  /**
   * Brings every watched vendor's issue in line with its result; returns a Map from vendor to
   * `{ number, url, action }` for the ones it opened, updated or closed.
   * @param {object[]} results watchVendor's results
   * @param {{ checkedAt: string, runUrl?: string }} context
   */
  async function sync(results, context) {
    const open = await openIssues();
    const touched = new Map();
    for (const result of results) {
      const existing = open.get(issueTitle(result.vendor));
      const note = (issue, action) => touched.set(result.vendor, { number: issue.number, url: issue.html_url, action });
      if (result.status === 'drift' || result.status === 'unreachable') {
        const body = issueBody(result, context);
        if (existing) note((await request('PATCH', `${base}/issues/${existing.number}`, { body })).data, 'updated');
        else note((await request('POST', `${base}/issues`, { title: issueTitle(result.vendor), body, labels: [ISSUE_LABEL] })).data, 'opened');
      } else if (result.status === 'clean' && existing) {
        await request('POST', `${base}/issues/${existing.number}/comments`, { body: cleanComment(result, context) });
        note((await request('PATCH', `${base}/issues/${existing.number}`, { state: 'closed', state_reason: 'completed' })).data, 'closed');
      }
    }
    return touched;
  }

  return { sync };
}
