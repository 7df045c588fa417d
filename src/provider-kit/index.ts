/**
 * `jobmock/provider-states`: what a provider team needs to serve the provider states of jobmock's pacts
 * against its own service (see the README, "Verify your own service").
 */
export { providerStatesListener } from './provider-states';
export type {
  PactApi,
  PactStateName,
  PactStateParams,
  PactStateValues,
  ProviderStatesOptions,
  StateSetup,
  StateSetups,
  StatesListener,
} from './provider-states';
export { PACT_STATES } from './pact-states.gen';
