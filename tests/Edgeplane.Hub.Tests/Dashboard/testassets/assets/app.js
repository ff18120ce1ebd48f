export const marker = "test-app";
