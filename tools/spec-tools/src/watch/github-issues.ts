// One GitHub issue per vendor for the drift watch, through the REST API: opened (labelled
// `drift`, titled `Drift: <vendor>`) when the vendor drifts or its document cannot be checked,
// its body replaced on every later run while that lasts, and commented and closed once the vendor
// is clean. Vendors that are not watched get no issue.
import { isObject } from '../openapi/types.js';
import { cleanComment, ISSUE_LABEL, type IssueNote, issueBody, issueTitle, type RunContext } from './markdown.js';
import type { WatchResult } from './watch.js';

/** The API refused or failed a request; the message names the request and the status, never the token. */
export class GitHubError extends Error {}

const TIMEOUT_MS = 30_000;

/** An issue as the API returns it. */
interface Issue {
  number: number;
  title: string;
  html_url: string;
  pull_request?: unknown;
}

export interface IssueTracker {
  /**
   * Brings every watched vendor's issue in line with its result; returns, per vendor, the issue it
   * opened, updated or closed.
   */
  sync(results: WatchResult[], context: RunContext): Promise<Map<string, IssueNote>>;
}

/** `repository` is `owner/name` (GITHUB_REPOSITORY); `apiUrl` GITHUB_API_URL. */
export function createIssueTracker({ apiUrl, repository, token }: { apiUrl: string; repository: string; token: string }): IssueTracker {
  const base = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`;

  async function request<T>(method: string, url: string, body?: object): Promise<{ data: T; next: string | undefined }> {
    const what = `${method} ${url.replace(/\?.*$/, '')}`;
    let response: Response;
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
      const cause = error instanceof Error && isObject(error.cause) ? error.cause.code : undefined;
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${TIMEOUT_MS} ms`
          : (cause ?? (error instanceof Error ? error.message : error));
      throw new GitHubError(`${what}: ${reason}`);
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
    return { data: (text ? JSON.parse(text) : undefined) as T, next: /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] };
  }

  /** The open issues labelled `drift`, by title (pull requests, which the endpoint also lists, left out). */
  async function openIssues(): Promise<Map<string, Issue>> {
    const byTitle = new Map<string, Issue>();
    let url: string | undefined = `${base}/issues?state=open&labels=${encodeURIComponent(ISSUE_LABEL)}&per_page=100`;
    while (url) {
      const page: { data: Issue[]; next: string | undefined } = await request<Issue[]>('GET', url);
      for (const issue of page.data) if (!issue.pull_request && !byTitle.has(issue.title)) byTitle.set(issue.title, issue);
      url = page.next;
    }
    return byTitle;
  }

  async function sync(results: WatchResult[], context: RunContext): Promise<Map<string, IssueNote>> {
    const open = await openIssues();
    const touched = new Map<string, IssueNote>();
    for (const result of results) {
      const existing = open.get(issueTitle(result.vendor));
      const note = (issue: Issue, action: IssueNote['action']) => touched.set(result.vendor, { number: issue.number, url: issue.html_url, action });
      if (result.status === 'drift' || result.status === 'unreachable') {
        const body = issueBody(result, context);
        if (existing) note((await request<Issue>('PATCH', `${base}/issues/${existing.number}`, { body })).data, 'updated');
        else note((await request<Issue>('POST', `${base}/issues`, { title: issueTitle(result.vendor), body, labels: [ISSUE_LABEL] })).data, 'opened');
      } else if (result.status === 'clean' && existing) {
        await request('POST', `${base}/issues/${existing.number}/comments`, { body: cleanComment(result, context) });
        note((await request<Issue>('PATCH', `${base}/issues/${existing.number}`, { state: 'closed', state_reason: 'completed' })).data, 'closed');
      }
    }
    return touched;
  }

  return { sync };
}
