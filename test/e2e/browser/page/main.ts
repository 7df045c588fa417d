// A front end's test page: MSW's service worker answers the five APIs at their production URLs with
// jobmock/msw, and the page cancels a job in each as its own code would, with fetch.
import { setupWorker } from 'msw/browser';
import { registry } from 'jobmock/browser';
import { handlers } from 'jobmock/msw';
import { cancelInEveryApi } from '../../../support/browser/cancel-in-every-api';
import type { CancelOutcome } from '../../../support/browser/cancel-in-every-api';
import { FRONT_END_URLS } from '../../../support/browser/front-end-urls';

declare global {
  interface Window {
    /** What the page found, for the test that drives it. */
    jobmockOutcome: Promise<{ controlled: boolean; outcomes: CancelOutcome[] }>;
  }
}

async function run() {
  const jobmock = handlers({ apis: FRONT_END_URLS, clock: 'manual' });
  await setupWorker(...jobmock).start({ quiet: true, onUnhandledRequest: 'error' });
  const urlOf = (api: string) => FRONT_END_URLS[api as keyof typeof FRONT_END_URLS];
  const outcomes = await cancelInEveryApi(registry, jobmock.mock, urlOf, (url, init) => fetch(url, init));
  document.getElementById('status')!.textContent = 'done';
  return { controlled: navigator.serviceWorker.controller !== null, outcomes };
}

window.jobmockOutcome = run();
