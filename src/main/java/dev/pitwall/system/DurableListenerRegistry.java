package dev.pitwall.system;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/** Finds every {@link DurableEventListener} method once the application context is built. */
@Component
class DurableListenerRegistry implements SmartInitializingSingleton {

    record Listener(String id, Object bean, Method method, Class<?> eventType) {}

    private final ApplicationContext context;
    private final Map<String, Listener> byId = new LinkedHashMap<>();

    DurableListenerRegistry(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> userType = org.springframework.util.ClassUtils.getUserClass(type);
            ReflectionUtils.doWithMethods(
                    userType,
                    method -> register(name, method),
                    method -> AnnotatedElementUtils.hasAnnotation(method, DurableEventListener.class));
        }
    }

    private void register(String beanName, Method method) {
        if (method.getParameterCount() != 1) {
            throw new IllegalStateException("@DurableEventListener method must take exactly one event: " + method);
        }
        Object bean = context.getBean(beanName);
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        Class<?> eventType = method.getParameterTypes()[0];
        String id = beanName + "#" + method.getName() + "(" + eventType.getSimpleName() + ")";
        byId.put(id, new Listener(id, bean, invocable, eventType));
    }

    List<String> listenerIdsFor(Class<?> eventType) {
        List<String> ids = new ArrayList<>();
        for (Listener listener : byId.values()) {
            if (listener.eventType().isAssignableFrom(eventType)) {
                ids.add(listener.id());
            }
        }
        return ids;
    }

    Listener get(String id) {
        return byId.get(id);
    }
}
