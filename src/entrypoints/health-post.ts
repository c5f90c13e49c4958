import { post } from "../pm2/action-post.js";

post();
