import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import webpack from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'

// API base URL is fixed at build time; '' means same origin (the stand-in serves h5 and /api/).
const API_BASE = process.env.API_BASE ?? ''

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhijian',
    date: '2026-11-21',
    // 375 so that 16px in CSS is 16 px on a 375-wide phone (32rpx in mini-programs).
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(API_BASE),
      APP_VERSION: JSON.stringify(process.env.npm_package_version ?? '0.0.0')
    },
    copy: {
      patterns: [
        ...(process.env.TARO_ENV === 'h5'
          ? [
              { from: 'src/assets/pwa/', to: 'dist/h5/icons/' },
              { from: 'src/manifest.webmanifest', to: 'dist/h5/manifest.webmanifest' },
              { from: 'src/offline.html', to: 'dist/h5/offline.html' }
            ]
          : [])
      ],
      options: {}
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // h5 only: Taro's h5 defaults keep every function name and quote every object key (for ES3-era
    // browsers, which package.json's browserslist does not include). Without them, plus a second compress
    // pass, the first screen's JS is ~55 KB smaller (issue 9). ES2020: the app's own code already
    // ships optional chaining to the same browsers. The mini-program builds keep Taro's settings.
    ...(process.env.TARO_ENV === 'h5'
      ? { terser: { enable: true, config: { keep_fnames: false, ecma: 2020, compress: { passes: 2 }, output: { quote_keys: false, keep_quoted_props: false } } } }
      : {}),
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // /verify: the short public address printed on e-proofs.
      router: { mode: 'browser' },
      // src/index.html places the tags itself: scripts run only after the static shell has painted.
      htmlPluginOption: { inject: false },
      // Images as files, never inlined: inlined tab-bar icons were ~14 KB of base64 in the first
      // screen's script (issue 9); as images they load beside it and stay cached.
      imageUrlLoaderOption: { limit: 1 },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        // Plain px on the web: no rem script, so 16px stays 16 px on every screen width.
        // 'px' is supported by postcss-pxtransform for h5, but missing from Taro's type.
        pxtransform: { enable: true, config: { targetUnit: 'px' } as Record<string, unknown> },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // 'initial' copies MobX and the components into every page chunk (TOOLCHAIN.md).
        chain.optimization.merge({ splitChunks: { chunks: 'all' } })
        // First-screen weight (issue 9). The browsers we build for (package.json browserslist) all
        // have fetch and AbortController: Taro.request's polyfills are dead weight there.
        const empty = path.resolve(__dirname, 'h5/empty.js')
        // Taro's components stylesheet carries the weui icon font as a data: URI, which webpack
        // turned into 6 KiB of base64 inside the first screen's script. As a file it is fetched
        // only when a glyph needs it (issue 18: first-screen JS), and the worker precaches it.
        chain.module
          .rule('zj-data-font')
          .set('scheme', 'data')
          .set('mimetype', 'application/octet-stream')
          .set('type', 'asset/resource')
          .set('generator', { filename: 'static/fonts/weui.[hash:8].ttf' })
        chain.resolve.alias.set('whatwg-fetch$', empty).set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', empty)
        // MobX's own minified production build: same API, no development-only checks and messages.
        if (process.env.NODE_ENV !== 'development') chain.resolve.alias.set('mobx$', 'mobx/dist/mobx.esm.production.min.js')
        // Feature-only form controls outside the shared components module (config/h5/components.js);
        // those files are pure re-exports, so webpack may skip what a chunk does not use.
        chain.resolve.alias.set('@tarojs/components$', path.resolve(__dirname, 'h5/components.js'))
        chain.resolve.alias.set('@tarojs/components/dist/components$', path.resolve(__dirname, 'h5/components-dist.js'))
        chain.module.rule('zj-h5-components').test(/[\\/]config[\\/]h5[\\/].*\.js$/).set('sideEffects', false)
        // <Map> is rendered on mini-programs only (packages/catalog/pages/halls.tsx); see config/h5/map-stub.js.
        // `ZJ_MAPS=1 npm run build:h5`: hidden source maps, for attributing bytes and CPU profiles to sources.
        if (process.env.ZJ_MAPS) chain.devtool('hidden-source-map')
        // The generated app entry starts up in several short tasks, not one long one (see the loader).
        chain.module.rule('zj-staged-boot').test(/[\\/]src[\\/]app\.config\.ts$/).enforce('post').use('staged-boot').loader(path.resolve(__dirname, 'h5/staged-boot-loader.js'))
        chain.plugin('map-stub').use(webpack.NormalModuleReplacementPlugin, [
          /[\\/]@tarojs[\\/]components[\\/]dist[\\/]components[\\/]taro-map-core\.js$/,
          path.resolve(__dirname, 'h5/map-stub.js')
        ])
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
