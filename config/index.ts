import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
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
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
