// Error codes of the records API (issue 5): social security, provident fund, property, e-proofs.
export const recordsErrors = {
  RECORDS_SCOPE: '以企业身份办理时不能查询个人的社保、公积金和不动产数据，请切换为本人身份后再查询。',
  RECORDS_SUBJECT_UNKNOWN: '没有找到与您实名信息对应的登记记录，请核对实名信息，或到政务服务大厅咨询。',
  PROOF_NO_RECORDS: '没有查询到可以证明的记录，暂时无法开具此证明。如有疑问，请联系参保或缴存单位。',
  PROOF_HAS_PROPERTY: '您名下有不动产登记记录，不能开具无房证明。如需证明名下房产，请开具不动产权属证明。',
  PROOF_NO_PROPERTY: '您名下没有不动产登记记录，可以改为开具无房证明。',
  PROOF_LINK_INVALID: '下载链接已失效，请回到“我的证明”重新打开。',
  // The records gateway (RECORDS_PROVIDER=http, docs/records-protocol.md) did not answer usably.
  RECORDS_UNAVAILABLE: '记录查询服务暂不可用，请稍后再试。',
  RECORDS_BAD_ANSWER: '记录查询服务返回的数据有误，暂时无法显示。请稍后再试，或到政务服务大厅查询。',
} as const
