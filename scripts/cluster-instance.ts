// One instance of `npm run cluster`: exactly mock/src/main.ts's start (no seeding, no build),
// plus one rule for a supervised child: when the cluster process that started it dies without
// stopping it (SIGKILL, crash), it is re-parented, and then stops gracefully instead of holding
// its port and pool connections forever.
import { tolerateClosedConsole } from '../mock/src/logger'
import { announce, configOrExit, failStartup, installShutdown, probePort, startServer } from '../mock/src/main'

async function main(): Promise<void> {
  tolerateClosedConsole()
  const config = configOrExit()
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM')
  }, 1000).unref()
  await probePort(config.host, config.port)
  const running = await startServer(config, { seed: false })
  installShutdown(running)
  announce(running)
}

main().catch(failStartup)
