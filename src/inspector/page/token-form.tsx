import { useState } from 'preact/hooks';

/** Asks once for the admin token (`jobmock serve --admin-token`); the page keeps it for this tab. */
export function TokenForm({ onToken }: { onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  return (
    <main class="token-page">
      <form
        class="token-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (token) onToken(token);
        }}
      >
        <h1>jobmock inspector</h1>
        <p>This server protects its admin API with a token (--admin-token). Enter it once for this tab.</p>
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autocomplete="off"
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <button type="submit">Open the inspector</button>
      </form>
    </main>
  );
}
