// ftlint for VS Code: starts `python -m ftlint lsp` and shows its findings inline.
import { execFile } from "child_process";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "ftlint";
let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

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

/** Resolves to an error text when the interpreter cannot import ftlint's server. */
function checkInstalled(command: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const [program, ...args] = command;
  return new Promise((resolve) => {
    execFile(program, [...args, "-c", "import ftlint.lsp, pygls"], { env, timeout: 30000 }, (error, _out, stderr) => {
      resolve(error ? `${stderr || error.message}`.trim() : undefined);
    });
  });
}

function serverSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return {
    enable: cfg.get("enable"),
    select: cfg.get("select"),
    ignore: cfg.get("ignore"),
    severity: cfg.get("severity"),
    pairs: cfg.get("pairs"),
  };
}

async function start(): Promise<void> {
  const command = await interpreter();
  const env = serverEnv();
  const problem = await checkInstalled(command, env);
  if (problem !== undefined) {
    const shown = command.join(" ");
    output.appendLine(`ftlint is not installed in ${shown}:\n${problem}`);
    void vscode.window
      .showErrorMessage(
        `ftlint is not installed in ${shown}. Install it there (${shown} -m pip install ftlint) ` +
          "or set ftlint.interpreter.",
        "Show log",
      )
      .then((choice) => choice && output.show(true));
    return;
  }
  const [program, ...leading] = command;
  const args = vscode.workspace.getConfiguration(SECTION).get<string[]>("args") ?? [];
  const serverArgs = [...leading, "-m", "ftlint", "lsp", ...args];
  const serverOptions: ServerOptions = {
    command: program,
    args: serverArgs,
    transport: TransportKind.stdio,
    options: { env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "python" }],
    outputChannel: output,
    initializationOptions: serverSettings(),
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.py,pyproject.toml}"),
    },
  };
  output.appendLine(`Starting: ${program} ${serverArgs.join(" ")}`);
  client = new LanguageClient("ftlint", "ftlint", serverOptions, clientOptions);
  await client.start();
}
