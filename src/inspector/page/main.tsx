import { render } from 'preact';
import { App } from './app';
import { AdminClient } from './admin-client';

render(<App client={new AdminClient()} />, document.getElementById('app')!);
