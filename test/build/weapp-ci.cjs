// Runs miniprogram-ci (WeChat's official npm package) on one project directory in a plain Node
// process: its compiler forks workers and throws from timers, which must not run inside Jest's
// module sandbox. Prints one JSON line: { quality } or { compileError } ('' = compiled).
// Usage: node test/build/weapp-ci.cjs <projectDir> quality|upload|wxml
const ci = require('miniprogram-ci')

const [dir, mode] = process.argv.slice(2)
const out = (o) => process.stdout.write(`\n@@result ${JSON.stringify(o)}\n`)

async function main() {
  // Any AppID of the right shape and any key string do for compiling: nothing is uploaded.
  const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: dir, privateKey: 'offline', ignores: ['node_modules/**/*'] })
  // Supplied locally, so the compiler does not ask WeChat's servers for the project's attributes.
  project.attr = async () => ({ ...ci.DefaultProjectAttr })
  if (mode === 'quality') {
    const items = await ci.checkCodeQuality(project)
    return out({ quality: items.map((i) => ({ name: i.name, success: i.success, text: i.text })) })
  }
  // 'upload': every transform an upload applies; 'wxml': only WXML/WXSS parsed (by minifying them).
  const setting = mode === 'upload' ? { es6: true, minify: true } : { es6: false, minify: false, minifyWXML: true, minifyWXSS: true }
  try {
    const files = await ci.getCompiledResult({ project, setting }, `${dir}.zip`)
    out({ compileError: files && Object.keys(files).length > 0 ? '' : 'the compiler produced no files' })
  } catch (e) {
    out({ compileError: String((e && e.message) || e) })
  }
}

main().then(() => process.exit(0), (e) => { out({ crash: String((e && e.stack) || e) }); process.exit(1) })
