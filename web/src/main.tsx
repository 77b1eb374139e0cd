import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AuthProvider, userManager, type ClientConfig } from "./auth";
import "./styles.css";

async function start() {
  let config: ClientConfig = { signIn: "none" };
  try {
    const res = await fetch("/console/config.json", { credentials: "omit" });
    if (res.ok) config = await res.json();
  } catch {
    // Without the config the console still serves public data.
  }
  // In the sign-in-again popup, hand the answer to the console that opened it.
  const q = new URLSearchParams(location.search);
  if (window.opener && (q.has("code") || q.has("error"))) {
    await userManager(config)?.signinPopupCallback();
    return;
  }
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <AuthProvider config={config}>
        <App />
      </AuthProvider>
    </StrictMode>,
  );
}
void start();
