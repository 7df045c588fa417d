import { registry } from '../../mocks/index';
import { printQueueApi } from '../support/own-api';

/** Every API of the registry, and one from outside it (test/fixtures/apis/print-queue): what the suites check. */
export const APIS_UNDER_TEST = [...registry, printQueueApi()];
