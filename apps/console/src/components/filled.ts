import { type FormRule } from 'antd';

/**
 * The page's own rule for a text the API requires: refused before the API is asked, in Chinese, and white
 * space alone counts as empty (as the API's `must not be blank`).
 */
export const filled = (message: string): FormRule => ({ required: true, whitespace: true, message });
