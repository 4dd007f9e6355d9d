// ftlint for VS Code: starts `python -m ftlint lsp` and shows its findings inline.
import { ChildProcess, execFile, spawn } from "child_process";
import * as path from "path";
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

const SECTION = "ftlint";
// ftlint is not on a package index: it installs from a clone or a VCS URL.
const INSTALL_HINT = "-m pip install <path of an ftlint clone>  (or 'git+<ftlint repository URL>')";
const MAX_RESTARTS = 4; // crashes within RESTART_WINDOW_MS before the extension gives up
const RESTART_WINDOW_MS = 3 * 60 * 1000;
let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let lastStderrLine = "";
let crashes: number[] = [];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("ftlint");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("ftlint.restartServer", () => restart()),
    vscode.commands.registerCommand("ftlint.showLog", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Settings the server reads arrive as workspace/didChangeConfiguration;
      // how the server is started needs a restart.
      if (["interpreter", "args", "serverEnv"].some((k) => event.affectsConfiguration(`${SECTION}.${k}`))) {
        void restart();
      }
    }),
    { dispose: () => void client?.stop() },
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function restart(): Promise<void> {
  output.appendLine("Restarting the ftlint server");
  await deactivate();
  await start();
}

/** The interpreter command: the ftlint.interpreter setting, the Python extension's
 * selected interpreter, then python3. */
async function interpreter(): Promise<string[]> {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string[]>("interpreter") ?? [];
  if (configured.length > 0) {
    return configured;
  }
  const python = vscode.extensions.getExtension("ms-python.python");
  if (python) {
    try {
      const api = python.isActive ? python.exports : await python.activate();
      const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
      const details = api?.settings?.getExecutionDetails?.(resource);
      if (details?.execCommand?.length) {
        return details.execCommand as string[];
      }
      const active = api?.environments?.getActiveEnvironmentPath?.(resource);
      if (active?.path) {
        return [active.path as string];
      }
    } catch (error) {
      output.appendLine(`Could not ask the Python extension for its interpreter: ${error}`);
    }
  }
  return ["python3"];
}

function serverEnv(): NodeJS.ProcessEnv {
  const extra = vscode.workspace.getConfiguration(SECTION).get<Record<string, string>>("serverEnv") ?? {};
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (extra.PYTHONPATH && process.env.PYTHONPATH) {
    env.PYTHONPATH = [extra.PYTHONPATH, process.env.PYTHONPATH].join(path.delimiter);
  }
  return env;
}

/** What is wrong with the interpreter, said for a person, or undefined when it can start
 * ftlint's server. Tells apart: no such interpreter, no ftlint in it, a missing
 * dependency, and anything else (with its last line of output). */
function checkInstalled(command: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const [program, ...args] = command;
  const shown = command.join(" ");
  return new Promise((resolve) => {
    const options = { env, timeout: 30000, cwd: workspaceFolder() };
    execFile(program, [...args, "-c", "import ftlint.lsp.server"], options, (error, _out, stderr) => {
      if (!error) {
        resolve(undefined);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const missing = /No module named '([^']+)'/.exec(stderr);
      if (code === "ENOENT" || code === "EACCES") {
        resolve(`the interpreter ${shown} was not found (${code}); set ftlint.interpreter to a Python that has ftlint`);
      } else if (missing && missing[1].split(".")[0] === "ftlint") {
        resolve(`ftlint is not installed in ${shown} (No module named '${missing[1]}'). Install it there: ${shown} ${INSTALL_HINT}`);
      } else if (missing) {
        resolve(`ftlint's dependency '${missing[1]}' is missing in ${shown}; reinstall ftlint there: ${shown} ${INSTALL_HINT}`);
      } else {
        resolve(`${shown} cannot start ftlint's server: ${lastLine(stderr) || error.message}`);
      }
    });
  });
}

/** Where the server runs, as from a terminal in the project (never the editor's own folder,
 * whose files could shadow the installed package). */
function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length > 0 ? lines[lines.length - 1] : "";
}

/** Starts the server process, keeping its last stderr line for the crash message. */
function spawnServer(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(program, args, { env, cwd: workspaceFolder() });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    output.append(text);
    lastStderrLine = lastLine(text) || lastStderrLine;
  });
  return Promise.resolve(child);
}

function showProblem(message: string): void {
  output.appendLine(`ftlint: ${message}`);
  void vscode.window
    .showErrorMessage(`ftlint: ${message}`, "Show log")
    .then((choice) => choice && output.show(true));
}

function serverSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return {
    enable: cfg.get("enable"),
    select: cfg.get("select"),
    ignore: cfg.get("ignore"),
    severity: cfg.get("severity"),
    pairs: cfg.get("pairs"),
    data: cfg.get("data"),
  };
}

async function start(): Promise<void> {
  const command = await interpreter();
  const env = serverEnv();
  const problem = await checkInstalled(command, env);
  if (problem !== undefined) {
    showProblem(problem);
    return;
  }
  const [program, ...leading] = command;
  const args = vscode.workspace.getConfiguration(SECTION).get<string[]>("args") ?? [];
  const serverArgs = [...leading, "-m", "ftlint", "lsp", ...args];
  const serverOptions: ServerOptions = () => spawnServer(program, serverArgs, env);
  const clientOptions: LanguageClientOptions = {
    // notebooks (.ipynb) are synchronised as notebook documents: the server asks for them
    documentSelector: [{ scheme: "file", language: "python" }],
    outputChannel: output,
    initializationOptions: serverSettings(),
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        crashes = [...crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
        const said = lastStderrLine ? `: ${lastStderrLine}` : "";
        if (crashes.length > MAX_RESTARTS) {
          showProblem(`the server stopped ${crashes.length} times and will not be restarted${said}`);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (crashes.length === 1) {
          showProblem(`the server crashed${said}; restarting it`);
        } else {
          output.appendLine(`ftlint: the server stopped${said}; restarting`);
        }
        return { action: CloseAction.Restart, handled: true };
      },
    },
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.py,pyproject.toml}"),
    },
  };
  output.appendLine(`Starting: ${program} ${serverArgs.join(" ")}`);
  client = new LanguageClient("ftlint", "ftlint", serverOptions, clientOptions);
  await client.start();
}
