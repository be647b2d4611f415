/**
 * A throwaway ClickHouse cluster on this machine, for the tests and the benchmark: N server
 * processes of Debian's `clickhouse-server` package, each unprivileged, with its own data
 * directory under a temp dir and its own loopback ports, and a `remote_servers` cluster
 * `edra_shards` with one shard per server (so a Distributed table over it spreads the data
 * over N servers that answer over TCP, as shards on N machines would). Nothing is installed
 * or left behind: stop() kills the servers and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The one line printed when the server is not installed. */
export const INSTALL_HINT =
  'ClickHouse is not installed: the ClickHouse tests need Debian\'s clickhouse-server (sudo apt-get install -y clickhouse-server; .ci/run does it), or set EDRA_CLICKHOUSE_SERVER to the server binary';

/** The server binary: $EDRA_CLICKHOUSE_SERVER, clickhouse-server on the PATH or in /usr/sbin, or `clickhouse server`. */
export function clickhouseServerCommand(): string[] | undefined {
  const env = process.env.EDRA_CLICKHOUSE_SERVER;
  if (env) return existsSync(env) ? [env] : undefined;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin'];
  for (const d of dirs) {
    if (d && existsSync(path.join(d, 'clickhouse-server'))) return [path.join(d, 'clickhouse-server')];
  }
  for (const d of dirs) {
    if (d && existsSync(path.join(d, 'clickhouse'))) return [path.join(d, 'clickhouse'), 'server'];
  }
  return undefined;
}

export interface LocalCluster {
  /** HTTP URL of each server (the first holds the Distributed tables). */
  urls: string[];
  /** Runs a statement on server i (0-based); returns the answer's text. */
  query(i: number, sql: string, body?: string | Buffer): Promise<string>;
  stop(): void;
}

/** One POST on its own connection (no keep-alive to race the server's idle timeout). */
function post(url: string, body: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function configXml(dir: string, http: number, tcp: number, shards: { tcp: number }[]): string {
  const shardXml = shards.map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`).join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>32</max_concurrent_queries>
  <remote_servers><edra_shards>${shardXml}</edra_shards></remote_servers>
</yandex>
`;
}

/** Users: `default` with no password, and `edra` with a password, both from loopback only. */
function usersXml(password: string): string {
  const user = (pw: string) => `<password>${pw}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota>`;
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage></default></profiles>
  <users><default>${user('')}</default><edra>${user(password)}</edra></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}

/** The password of user `edra` in the local cluster (a test credential, nothing else). */
export const TEST_PASSWORD = 'edra-test-password-7d1f';

/**
 * Starts `shards` servers and waits until each answers (up to `timeoutMs`). Throws with
 * INSTALL_HINT when there is no server binary.
 */
export async function startLocalCluster(shards = 2, timeoutMs = 60_000): Promise<LocalCluster> {
  const command = clickhouseServerCommand();
  if (!command) throw new Error(INSTALL_HINT);
  const root = mkdtempSync(path.join(os.tmpdir(), 'edra-clickhouse-'));
  const ports: { http: number; tcp: number }[] = [];
  for (let i = 0; i < shards; i++) ports.push({ http: await freePort(), tcp: await freePort() });
  const procs: ChildProcess[] = [];
  const stop = () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    for (let i = 0; i < shards; i++) {
      const dir = path.join(root, `shard${i + 1}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'config.xml'), configXml(dir, ports[i].http, ports[i].tcp, ports));
      writeFileSync(path.join(dir, 'users.xml'), usersXml(TEST_PASSWORD));
      const [bin, ...args] = command;
      procs.push(spawn(bin, [...args, `--config-file=${path.join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore', detached: false }));
    }
    const urls = ports.map((p) => `http://127.0.0.1:${p.http}`);
    const deadline = Date.now() + timeoutMs;
    for (let i = 0; i < shards; i++) {
      for (;;) {
        if (procs[i].exitCode !== null) {
          const log = path.join(root, `shard${i + 1}`, 'error.log');
          throw new Error(`clickhouse-server ${i + 1} exited with code ${procs[i].exitCode}${existsSync(log) ? `: ${readFileSync(log, 'utf8').split('\n').slice(-3).join(' ')}` : ''}`);
        }
        const ok = await fetch(`${urls[i]}/ping`).then((r) => r.ok, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`clickhouse-server ${i + 1} did not answer within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const query = async (i: number, sql: string, body?: string | Buffer): Promise<string> => {
      const url = body === undefined ? urls[i] : `${urls[i]}/?query=${encodeURIComponent(sql)}`;
      const { status, text } = await post(url, body ?? sql);
      if (status < 200 || status >= 300) throw new Error(`ClickHouse ${i + 1}: ${text.slice(0, 300)}`);
      return text;
    };
    return {
      urls,
      query,
      stop() {
        process.removeListener('exit', stop);
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/**
 * Creates `name_local` on every server and the Distributed table `name` over them on
 * server 1 (`columns`: the ClickHouse column list).
 */
export async function createShardedTable(cluster: LocalCluster, name: string, columns: string): Promise<void> {
  for (let i = 0; i < cluster.urls.length; i++) {
    await cluster.query(i, `DROP TABLE IF EXISTS default.${name}_local`);
    await cluster.query(i, `CREATE TABLE default.${name}_local (${columns}) ENGINE = MergeTree ORDER BY tuple()`);
  }
  await cluster.query(0, `DROP TABLE IF EXISTS default.${name}`);
  await cluster.query(0, `CREATE TABLE default.${name} AS default.${name}_local ENGINE = Distributed(edra_shards, default, ${name}_local, rand())`);
}
