import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AuthProvider, type ClientConfig } from "./auth";
import "./styles.css";

async function start() {
  let config: ClientConfig = { signIn: "none" };
  try {
    const res = await fetch("/console/config.json", { credentials: "omit" });
    if (res.ok) config = await res.json();
  } catch {
    // Without the config the console still serves public data.
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
