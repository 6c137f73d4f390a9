// The one version of the consent texts (隐私政策, 身份信息处理, 人脸信息处理): the app asks again
// when it changes, and the server counts a consent only if given to this version. Bump it whenever
// the wording of any of them changes. A module of its own so the first screen imports no schema code.
export const CONSENT_VERSION = '2026-12'
