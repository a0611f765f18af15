// First: a usable navigator.language before anything formats numbers at load time.
import "./platform/locale";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { isTauri } from "./platform";
import "./styles/app.css";

async function start(): Promise<void> {
  if (!isTauri()) {
    // A plain browser (dev server, browser tests): answer IPC from the in-memory backend.
    // Loaded on demand, so the app itself never runs this code.
    const mock = await import("./ipc/mock");
    mock.installMockBackend(mock.seedFromLocation(window.location.search), mock.failureFromLocation(window.location.search));
    // TEST HARNESS (mock transport only): `?component=inspector|code|log` shows one component alone.
    const component = new URLSearchParams(window.location.search).get("component");
    if (component !== null) {
      const { ComponentHarness } = await import("./harness/ComponentHarness");
      const { LogHarness } = await import("./harness/LogHarness");
      const host = document.getElementById("root");
      if (!host) throw new Error("index.html has no #root");
      createRoot(host).render(
        <StrictMode>
          {component === "log" ? <LogHarness search={window.location.search} /> : <ComponentHarness component={component} search={window.location.search} />}
        </StrictMode>,
      );
      return;
    }
  }
  const queryClient = new QueryClient({
    defaultOptions: {
      // IPC to a local process: failures are real errors, not flaky networks.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root");
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
