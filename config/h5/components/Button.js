// See ../components.js. Taro's React wrapper renders every boolean prop as an attribute, so
// disabled={false} became disabled="false", and CSS [disabled] rules (Taro's own and the app's
// .btn[disabled]) matched: enabled buttons looked greyed out and had no pressed state (issue 18).
// Same factory and element; a false boolean attribute is simply left off (the element's property
// is still set by the wrapper, so the component sees false either way).
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js'
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js'
import { defineCustomElement } from '@tarojs/components/dist/components/taro-button-core.js'

const BOOLEAN_ATTRS = ['disabled', 'loading', 'plain']

function withoutFalseBooleans(originalProps, propsToPass = {}) {
  const props = manipulatePropsFunction(originalProps, propsToPass)
  for (const name of BOOLEAN_ATTRS) if (props[name] === false) delete props[name]
  return props
}

export const Button = /*@__PURE__*/ createReactComponent('taro-button-core', undefined, withoutFalseBooleans, defineCustomElement)
