import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export interface Nginx {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Where the Debian package puts it; NGINX_BIN for other systems. */
// eslint-disable-next-line no-process-env -- the test runs a system binary that may live elsewhere
const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

/**
 * The reverse proxy of docs/deploy.md, for loopback: round-robin over the API processes, passive
 * failover (a refused connection or a 502/503 goes to the next one), WebSocket upgrades held for an
 * hour, and the X-Forwarded-* headers ATELIER_TRUST_PROXY reads. Every path nginx writes is in `dir`.
 */
export function nginxConfig(options: { dir: string; port: number; upstreams: readonly string[] }): string {
  const { dir } = options;
  const servers = options.upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=5s;`);
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;

events {
  worker_connections 1024;
}

http {
  # Which API answered, for finding a request in that API's log.
  log_format upstreams '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                       'upstream=$upstream_addr upstream_status=$upstream_status time=$request_time';
  access_log ${join(dir, 'access.log')} upstreams;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};

  # A WebSocket upgrade passes "Connection: upgrade"; anything else keeps the upstream connection alive.
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }

  upstream atelier_api {
${servers.join('\n')}
    keepalive 32;
  }

  server {
    listen 127.0.0.1:${options.port};
    client_max_body_size 60m;

    location / {
      proxy_pass http://atelier_api;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_buffering off;
    }
  }
}
`;
}

/** A loopback port nobody listens on right now (nginx cannot report a port it picked itself). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs nginx in the foreground with a config generated into `dir`; resolves once it accepts. */
export async function startNginx(options: { dir: string; upstreams: readonly string[] }): Promise<Nginx> {
  await mkdir(options.dir, { recursive: true });
  const port = await freePort();
  const configPath = join(options.dir, 'nginx.conf');
  await writeFile(configPath, nginxConfig({ dir: options.dir, port, upstreams: options.upstreams }));
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', options.dir, '-c', configPath, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawned = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawned) throw new Error(`could not start ${NGINX_BIN} (apt-get install nginx): ${spawned.message}`);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    if (await accepting(port)) {
      return { url: `http://127.0.0.1:${port}`, process: child, output: () => output, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`nginx did not start listening on ${port}:\n${output}`);
}
